package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local run's sign-in for the frontends (issue 21, ADR 39): a loopback-only HTTP stand-in for
 * the bureau's identity provider, signing tokens of the run's development issuer ({@link
 * DevTokens}) that last {@link #LIFETIME}. It speaks two ways:
 *
 * <ul>
 *   <li>OpenID Connect's authorization code flow with PKCE (S256), as the bureau's provider does in
 *       a deployment: {@code /.well-known/openid-configuration}, {@code /authorize} (a form to
 *       choose a role and a subject, then a redirect back with a one-time code) and {@code /token}
 *       (the code and its verifier for the token);
 *   <li>{@code POST /dev-token} with {@code {"role": ..., "subject": ...}}: the token at once, for
 *       the pages' development sign-in form.
 * </ul>
 *
 * It answers only the frontends' own origins (CORS, and every redirect must go back to one of
 * them), and it is never deployed. Anyone on this machine can sign in as anyone here, as with
 * {@code deploy/token.sh}: it is a development tool.
 */
public final class DevIdentityIssuer implements AutoCloseable {

  /** The port of the local run's issuer. */
  public static final int DEFAULT_PORT = 8089;

  /** How long a token signed here lasts: one working session. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  /** How long an authorization code may wait for its exchange. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(2);

  /** The roles a person signs in with here (the services sign their own tokens elsewhere). */
  static final Set<String> PERSON_ROLES = Set.copyOf(IssueToken.ROLES);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_BODY = 4096;

  /** A code handed out by {@code /authorize}, waiting for its one exchange. */
  private record Grant(
      String role,
      String subject,
      String clientId,
      String redirectUri,
      String challenge,
      Instant expires) {}

  private final HttpServer server;
  private final DevTokens issuer;
  private final Set<String> allowedOrigins;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  private DevIdentityIssuer(HttpServer server, DevTokens issuer, Set<String> allowedOrigins) {
    this.server = server;
    this.issuer = issuer;
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * Starts the issuer on 127.0.0.1:{@code port} (0: a free port), answering the pages served from
   * {@code allowedOrigins}.
   */
  public static DevIdentityIssuer start(DevTokens issuer, int port, List<String> allowedOrigins) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      DevIdentityIssuer running = new DevIdentityIssuer(server, issuer, Set.copyOf(allowedOrigins));
      server.createContext("/.well-known/openid-configuration", running::discovery);
      server.createContext("/authorize", running::authorize);
      server.createContext("/token", exchange -> running.withCors(exchange, running::token));
      server.createContext("/dev-token", exchange -> running.withCors(exchange, running::devToken));
      server.start();
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuer's address, e.g. http://127.0.0.1:8089. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** Answers a browser only from the frontends' origins; preflights for POST. */
  private void withCors(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      if (origin != null) {
        if (!allowedOrigins.contains(origin)) {
          answer(exchange, 403, Map.of("message", "此来源不能登录本地开发环境"));
          return;
        }
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
        exchange.getResponseHeaders().add("Vary", "Origin");
      }
      if ("OPTIONS".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, Map.of("message", "只接受 POST"));
        return;
      }
      handler.handle(exchange);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("issuer", url());
      document.put("authorization_endpoint", url() + "/authorize");
      document.put("token_endpoint", url() + "/token");
      document.put("response_types_supported", List.of("code"));
      document.put("grant_types_supported", List.of("authorization_code"));
      document.put("code_challenge_methods_supported", List.of("S256"));
      document.put("token_endpoint_auth_methods_supported", List.of("none"));
      answer(exchange, 200, document);
    }
  }

  /**
   * GET: the sign-in form for a valid authorization request; POST (the form): a one-time code,
   * redirected back to the page that asked.
   */
  private void authorize(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean submitted = "POST".equals(exchange.getRequestMethod());
      Map<String, String> request =
          submitted
              ? form(new String(readBody(exchange), StandardCharsets.UTF_8))
              : form(exchange.getRequestURI().getRawQuery());
      String redirectUri = request.getOrDefault("redirect_uri", "");
      if (!"code".equals(request.get("response_type"))
          || !"S256".equals(request.get("code_challenge_method"))
          || request.getOrDefault("code_challenge", "").length() < 43
          || request.getOrDefault("state", "").isEmpty()
          || request.getOrDefault("client_id", "").isEmpty()
          || !allowedOrigins.contains(origin(redirectUri))) {
        page(exchange, 400, "<p>登录请求无效：来源、回调地址或 PKCE 参数不符合要求。</p>");
        return;
      }
      if (!submitted) {
        page(exchange, 200, signInPage(request));
        return;
      }
      String role = request.getOrDefault("role", "");
      String subject = request.getOrDefault("subject", "").strip();
      if (!PERSON_ROLES.contains(role) || subject.isEmpty() || subject.length() > 64) {
        page(exchange, 400, "<p>请选择身份并填写证件号码或机构代码。</p>" + signInPage(request));
        return;
      }
      String code = randomToken();
      grants.put(
          code,
          new Grant(
              role,
              subject,
              request.get("client_id"),
              redirectUri,
              request.get("code_challenge"),
              Instant.now().plus(CODE_LIFETIME)));
      String back =
          redirectUri
              + (redirectUri.contains("?") ? "&" : "?")
              + "code="
              + encode(code)
              + "&state="
              + encode(request.get("state"));
      exchange.getResponseHeaders().add("Location", back);
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      exchange.sendResponseHeaders(303, -1);
    }
  }

  /** The code of {@code /authorize} and its PKCE verifier for a token; each code once. */
  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> request = form(new String(readBody(exchange), StandardCharsets.UTF_8));
    Grant grant = grants.remove(request.getOrDefault("code", ""));
    if (!"authorization_code".equals(request.get("grant_type"))
        || grant == null
        || grant.expires().isBefore(Instant.now())
        || !grant.clientId().equals(request.get("client_id"))
        || !grant.redirectUri().equals(request.get("redirect_uri"))
        || !grant.challenge().equals(s256(request.getOrDefault("code_verifier", "")))) {
      answer(exchange, 400, Map.of("error", "invalid_grant"));
      return;
    }
    answer(
        exchange,
        200,
        Map.of(
            "access_token",
            sign(grant.role(), grant.subject()),
            "token_type",
            "Bearer",
            "expires_in",
            LIFETIME.toSeconds()));
  }

  private void devToken(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    JsonNode request = body.length > MAX_BODY ? null : parse(body);
    String role = request == null ? "" : request.path("role").asText("");
    String subject = request == null ? "" : request.path("subject").asText("").strip();
    if (!PERSON_ROLES.contains(role) || subject.isEmpty() || subject.length() > 64) {
      answer(exchange, 400, Map.of("message", "请选择身份并填写证件号码或机构代码", "roles", PERSON_ROLES));
      return;
    }
    answer(
        exchange,
        200,
        Map.of(
            "token",
            sign(role, subject),
            "role",
            role,
            "subject",
            subject,
            "expiresAt",
            Instant.now().plus(LIFETIME).toString()));
  }

  private String sign(String role, String subject) {
    return role.equals(Roles.CITIZEN)
        ? issuer.citizen(subject, LIFETIME)
        : issuer.token(role, subject, LIFETIME);
  }

  private static String signInPage(Map<String, String> request) {
    StringBuilder hidden = new StringBuilder();
    for (String name :
        List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "state",
            "code_challenge",
            "code_challenge_method",
            "scope")) {
      if (request.containsKey(name)) {
        hidden
            .append("<input type=\"hidden\" name=\"")
            .append(name)
            .append("\" value=\"")
            .append(escape(request.get(name)))
            .append("\">");
      }
    }
    StringBuilder roles = new StringBuilder();
    for (String role : IssueToken.ROLES) {
      roles.append("<option value=\"").append(role).append("\">").append(role).append("</option>");
    }
    return "<h1>本地开发环境登录</h1><p>这是本地运行的身份认证替身，部署环境使用统一身份认证。</p>"
        + "<form method=\"post\" action=\"/authorize\">"
        + hidden
        + "<label>身份 <select name=\"role\" id=\"role\">"
        + roles
        + "</select></label><br><label>证件号码或机构代码 <input name=\"subject\" id=\"subject\""
        + " required maxlength=\"64\"></label><br><button type=\"submit\" id=\"sign-in\">登录</button>"
        + "</form>";
  }

  private static String origin(String uri) {
    try {
      URI parsed = URI.create(uri);
      if (parsed.getScheme() == null || parsed.getHost() == null) {
        return "";
      }
      return parsed.getScheme()
          + "://"
          + parsed.getHost()
          + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
    } catch (IllegalArgumentException notAUri) {
      return "";
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? new byte[0] : body;
  }

  private static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static void page(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes =
        ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>登录</title></head><body>"
                + body
                + "</body></html>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    // The form posts here and is redirected back to a page on this machine.
    exchange
        .getResponseHeaders()
        .add(
            "Content-Security-Policy",
            "default-src 'none'; form-action 'self' http://127.0.0.1:* http://localhost:*;"
                + " frame-ancestors 'none'");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
