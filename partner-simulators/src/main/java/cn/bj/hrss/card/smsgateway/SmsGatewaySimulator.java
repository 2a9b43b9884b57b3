package cn.bj.hrss.card.smsgateway;

import cn.bj.hrss.card.smsgateway.GatewayLedger.Outcome;
import cn.bj.hrss.card.smsgateway.GatewayLedger.Receipt;
import cn.bj.hrss.card.smsgateway.GatewayLedger.ReceivedSms;
import cn.bj.hrss.card.smsgateway.GatewayLedger.SendRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A small SMS gateway for the local run and the tests: it speaks the HTTP protocol that
 * notification-service's gateway adapter speaks, checks the caller's credentials, accepts each
 * message once per message id, produces a delivery receipt per accepted message, and records
 * everything that came over the wire so that a test can check it. Plain JDK HTTP server; start it
 * in-process with {@link #start(Settings)} or as a process with {@link #main(String[])}.
 *
 * <p>Gateway protocol (what a real gateway would offer): {@code POST /v1/sms/send} and {@code GET
 * /v1/sms/receipts?after=N}, both with HTTP Basic credentials. Simulator only (inspection and fault
 * injection, no credentials): {@code GET /simulator/received}, {@code GET /simulator/requests},
 * {@code POST /simulator/faults}, {@code POST /simulator/unreachable}. See the module's README.
 */
public final class SmsGatewaySimulator implements AutoCloseable {

  public static final int DEFAULT_PORT = 8090;
  public static final String DEFAULT_ACCOUNT = "hrss-notification";
  public static final String DEFAULT_SECRET = "local-only-secret";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final int MAX_TEXT = 500;

  /**
   * Where it listens and which credentials it accepts.
   *
   * @param port 0 for any free port
   */
  public record Settings(String host, int port, String account, String secret) {

    public static Settings defaults() {
      return new Settings("127.0.0.1", DEFAULT_PORT, DEFAULT_ACCOUNT, DEFAULT_SECRET);
    }

    public Settings withPort(int newPort) {
      return new Settings(host, newPort, account, secret);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final GatewayLedger ledger = new GatewayLedger();
  private final Settings settings;

  private SmsGatewaySimulator(Settings settings) throws IOException {
    this.settings = settings;
    this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 50);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "sms-gateway-simulator");
              thread.setDaemon(true); // in-process, it never keeps a JVM alive
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/v1/sms/send", exchange -> handle(exchange, this::send));
    server.createContext("/v1/sms/receipts", exchange -> handle(exchange, this::receipts));
    server.createContext("/simulator/received", exchange -> handle(exchange, this::received));
    server.createContext("/simulator/requests", exchange -> handle(exchange, this::requests));
    server.createContext("/simulator/faults", exchange -> handle(exchange, this::faults));
    server.createContext("/simulator/unreachable", exchange -> handle(exchange, this::unreach));
    server.createContext("/health", exchange -> handle(exchange, e -> answer(200, "ok")));
  }

  /** Starts a gateway; {@code settings.port() == 0} picks a free port. */
  public static SmsGatewaySimulator start(Settings settings) {
    try {
      SmsGatewaySimulator simulator = new SmsGatewaySimulator(settings);
      simulator.server.start();
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + settings.host() + ":" + settings.port(), e);
    }
  }

  /**
   * Runs the gateway until the process is stopped. Arguments: {@code --port N} (default 8090, or
   * SUITE_SMS_GATEWAY_PORT), {@code --host H} (default 127.0.0.1), {@code --account A} and {@code
   * --secret S} (default SUITE_SMS_GATEWAY_ACCOUNT / SUITE_SMS_GATEWAY_SECRET, else the
   * notification-service's local defaults).
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    Settings settings =
        new Settings(
            options.getOrDefault("host", "127.0.0.1"),
            Integer.parseInt(
                options.getOrDefault(
                    "port",
                    env.getOrDefault("SUITE_SMS_GATEWAY_PORT", String.valueOf(DEFAULT_PORT)))),
            options.getOrDefault(
                "account", env.getOrDefault("SUITE_SMS_GATEWAY_ACCOUNT", DEFAULT_ACCOUNT)),
            options.getOrDefault(
                "secret", env.getOrDefault("SUITE_SMS_GATEWAY_SECRET", DEFAULT_SECRET)));
    SmsGatewaySimulator simulator = start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "stop-sms-gateway"));
    System.out.println("SMS gateway simulator listening on " + simulator.url());
    stopped.await();
  }

  /** The base URL, for example http://127.0.0.1:8090 (notification-service's sms.gateway.url). */
  public String url() {
    return "http://" + settings.host() + ":" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The messages accepted for {@code mobile} (null: all), once each, in arrival order. */
  public List<Map<String, Object>> received(String mobile) {
    return ledger.received(mobile).stream().map(SmsGatewaySimulator::json).toList();
  }

  /** Every send request for {@code mobile} (null: all) as it came, retries included. */
  public List<Map<String, Object>> requests(String mobile) {
    return ledger.requests(mobile).stream().map(SmsGatewaySimulator::json).toList();
  }

  /** The next {@code times} sends to {@code mobile} fail with {@code fault}. */
  public void failNext(String mobile, int times, Fault fault) {
    ledger.failNext(mobile, times, fault);
  }

  /** Messages to {@code mobile} are accepted but their receipt says UNDELIVERED. */
  public void unreachable(String mobile) {
    ledger.unreachable(mobile);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- the routes ----------------------------------------------------------------------------

  private record Answer(int status, Object body) {}

  @FunctionalInterface
  private interface Route {
    Answer apply(HttpExchange exchange) throws IOException;
  }

  private static Answer answer(int status, Object body) {
    return new Answer(status, body);
  }

  private static Answer error(int status, String message) {
    return answer(status, Map.of("error", message));
  }

  private Answer send(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return error(405, "POST only");
    }
    JsonNode body = readJson(exchange);
    String messageId = body == null ? null : body.path("messageId").asText(null);
    String mobile = body == null ? null : body.path("mobile").asText(null);
    String signature = body == null ? null : body.path("signature").asText(null);
    String text = body == null ? null : body.path("text").asText(null);
    if (!authorised(exchange)) {
      ledger.refused(messageId, mobile, text, 401);
      return error(401, "wrong account or secret");
    }
    String invalid = invalid(messageId, mobile, signature, text);
    if (invalid != null) {
      ledger.refused(messageId, mobile, text, 400);
      return error(400, invalid);
    }
    Outcome outcome = ledger.send(settings.account(), messageId, mobile, signature, text);
    if (outcome.status() != 200) {
      return error(outcome.status(), "simulated gateway failure");
    }
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("messageId", messageId);
    accepted.put("gatewayMessageId", outcome.accepted().gatewayMessageId());
    accepted.put("duplicate", outcome.duplicate());
    return answer(200, accepted);
  }

  private static String invalid(String messageId, String mobile, String signature, String text) {
    if (messageId == null || messageId.isBlank() || messageId.length() > 64) {
      return "messageId is required (at most 64 characters)";
    }
    if (mobile == null || !MOBILE.matcher(mobile).matches()) {
      return "mobile must be an 11-digit mainland mobile number";
    }
    if (signature == null || signature.isBlank()) {
      return "signature is required";
    }
    if (text == null || text.length() > MAX_TEXT) {
      return "text is required (at most " + MAX_TEXT + " characters)";
    }
    if (!text.startsWith("【" + signature + "】")) {
      return "text must start with the signature 【" + signature + "】";
    }
    return null;
  }

  private Answer receipts(HttpExchange exchange) {
    if (!authorised(exchange)) {
      return error(401, "wrong account or secret");
    }
    Map<String, String> query = query(exchange);
    long after = Long.parseLong(query.getOrDefault("after", "0"));
    int limit = Math.min(500, Integer.parseInt(query.getOrDefault("limit", "100")));
    List<Map<String, Object>> list =
        ledger.receiptsAfter(after, limit).stream().map(SmsGatewaySimulator::json).toList();
    return answer(200, Map.of("receipts", list));
  }

  private Answer received(HttpExchange exchange) {
    return answer(200, received(query(exchange).get("mobile")));
  }

  private Answer requests(HttpExchange exchange) {
    return answer(200, requests(query(exchange).get("mobile")));
  }

  private Answer faults(HttpExchange exchange) throws IOException {
    JsonNode body = readJson(exchange);
    if (body == null || !body.hasNonNull("mobile")) {
      return error(400, "{\"mobile\": ..., \"times\": n, \"fault\": UNAVAILABLE|ACCEPT_THEN_FAIL}");
    }
    failNext(
        body.get("mobile").asText(),
        body.path("times").asInt(1),
        Fault.valueOf(body.path("fault").asText("UNAVAILABLE")));
    return answer(204, null);
  }

  private Answer unreach(HttpExchange exchange) throws IOException {
    JsonNode body = readJson(exchange);
    if (body == null || !body.hasNonNull("mobile")) {
      return error(400, "{\"mobile\": ...}");
    }
    unreachable(body.get("mobile").asText());
    return answer(204, null);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private boolean authorised(HttpExchange exchange) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (settings.account() + ":" + settings.secret())
                        .getBytes(StandardCharsets.UTF_8));
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode readJson(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    if (bytes.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> values = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private static void handle(HttpExchange exchange, Route route) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = route.apply(exchange);
      } catch (RuntimeException e) {
        answer = error(400, String.valueOf(e.getMessage()));
      }
      if (answer.body() == null) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      byte[] bytes =
          answer.body() instanceof String s
              ? s.getBytes(StandardCharsets.UTF_8)
              : JSON.writeValueAsBytes(answer.body());
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              answer.body() instanceof String
                  ? "text/plain; charset=utf-8"
                  : "application/json; charset=utf-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static Map<String, Object> json(ReceivedSms sms) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("messageId", sms.messageId());
    json.put("gatewayMessageId", sms.gatewayMessageId());
    json.put("mobile", sms.mobile());
    json.put("signature", sms.signature());
    json.put("text", sms.text());
    json.put("account", sms.account());
    json.put("receivedAt", sms.receivedAt().toString());
    return json;
  }

  private static Map<String, Object> json(SendRequest request) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("messageId", request.messageId());
    json.put("mobile", request.mobile());
    json.put("text", request.text());
    json.put("status", request.status());
    json.put("duplicate", request.duplicate());
    json.put("at", request.at().toString());
    return json;
  }

  private static Map<String, Object> json(Receipt receipt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seq", receipt.seq());
    json.put("messageId", receipt.messageId());
    json.put("gatewayMessageId", receipt.gatewayMessageId());
    json.put("status", receipt.status());
    json.put("reportedAt", receipt.reportedAt().toString());
    return json;
  }
}
