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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local run's sign-in for the frontends (issue 21, ADR 39): a loopback-only HTTP stand-in for
 * the bureau's identity provider. {@code POST /token} with {@code {"role": ..., "subject": ...}}
 * answers a token of the run's development issuer ({@link DevTokens}) that lasts {@link #LIFETIME}.
 * It answers only the frontends' own origins (CORS), and it is never deployed: in Kubernetes the
 * frontends sign in with the OIDC provider. Anyone on this machine can sign in as anyone here, as
 * with {@code deploy/token.sh}: it is a development tool.
 */
public final class DevIdentityIssuer implements AutoCloseable {

  /** The port of the local run's issuer. */
  public static final int DEFAULT_PORT = 8089;

  /** How long a token signed here lasts: one working session. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  /** The roles a person signs in with here (the services sign their own tokens elsewhere). */
  static final Set<String> PERSON_ROLES = Set.copyOf(IssueToken.ROLES);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1024;

  private final HttpServer server;
  private final DevTokens issuer;
  private final Set<String> allowedOrigins;

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
      server.createContext("/token", running::handle);
      server.start();
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the pages send their sign-in, e.g. http://127.0.0.1:8089. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
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
      byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
      JsonNode request = body.length > MAX_BODY ? null : parse(body);
      String role = request == null ? "" : request.path("role").asText("");
      String subject = request == null ? "" : request.path("subject").asText("").strip();
      if (!PERSON_ROLES.contains(role) || subject.isEmpty() || subject.length() > 64) {
        answer(exchange, 400, Map.of("message", "请选择身份并填写证件号码或机构代码", "roles", PERSON_ROLES));
        return;
      }
      String token =
          role.equals(Roles.CITIZEN)
              ? issuer.citizen(subject, LIFETIME)
              : issuer.token(role, subject, LIFETIME);
      answer(
          exchange,
          200,
          Map.of(
              "token", token,
              "role", role,
              "subject", subject,
              "expiresAt", Instant.now().plus(LIFETIME).toString()));
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
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
