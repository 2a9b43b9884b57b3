package cn.bj.hrss.card.bank.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * application-service's card commands as a bank report meets them, in this JVM: each accepted
 * command appends its event (with the request's correlation id) to the card's history, and a
 * command that repeats what the card already shows is refused as the real aggregate refuses it (the
 * real commands are not idempotent either): a bank change to the card's own bank with 400 R-BANK-6,
 * a second enabling with 409 R-OLD-2, a second activation with 409 R-PICK-3, a second collection or
 * delivery with 409 LIFECYCLE-ORDER. A test can make it refuse a card's commands, drop the answer
 * after applying, or be unavailable. It records every request it received. (Reports are a unit of
 * work against this fake; the real end-to-end path is deploy's BankReportsEndToEndIT.)
 */
public final class FakeApplicationService implements AutoCloseable {

  /** One request as received. */
  public record Received(String method, String path, Map<String, String> headers, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> EVENTS =
      Map.of(
          "collection", "CardCollected",
          "delivery", "CardDelivered",
          "financial-function", "FinancialFunctionActivated",
          "social-function", "SocialFunctionEnabled",
          "bank-change", "IssuingBankChanged");

  private static FakeApplicationService shared;

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, ArrayNode> histories = new ConcurrentHashMap<>();
  private final Map<String, String> banks = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> refusals = new ConcurrentHashMap<>();
  private final Map<String, Integer> answersToDrop = new ConcurrentHashMap<>();
  private volatile boolean unavailable;

  private FakeApplicationService() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/cards/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public static synchronized FakeApplicationService shared() {
    if (shared == null) {
      try {
        shared = new FakeApplicationService();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The card's issuing bank as application-service knows it (for the card's view). */
  public void knowCard(String cardId, String bankCode) {
    banks.put(cardId, bankCode);
  }

  /** Refuses every command on the card with this status and rule. */
  public void refuse(String cardId, int status, String rule, String message, String detail) {
    refusals.put(cardId, refusal(status, rule, message, detail));
  }

  /** Applies the next {@code count} commands on the card but drops their answers. */
  public void dropAnswers(String cardId, int count) {
    answersToDrop.put(cardId, count);
  }

  public void setUnavailable(boolean value) {
    unavailable = value;
  }

  /** The requests received for a card, commands and reads. */
  public List<Received> requests(String cardId) {
    List<Received> mine = new ArrayList<>();
    for (Received r : received) {
      if (r.path().startsWith("/cards/" + cardId)) {
        mine.add(r);
      }
    }
    return mine;
  }

  /** The events application-service recorded for the card with this correlation id. */
  public long eventsCorrelatedWith(String cardId, String correlationId) {
    ArrayNode history = histories.get(cardId);
    if (history == null) {
      return 0;
    }
    long count = 0;
    for (JsonNode event : history) {
      if (correlationId.equals(event.path("correlationId").asText())) {
        count++;
      }
    }
    return count;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] raw = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    received.add(new Received(exchange.getRequestMethod(), path, headers, body));
    if (unavailable) {
      answer(exchange, 503, JSON.createObjectNode().put("detail", "down"));
      return;
    }
    String[] segments = path.substring("/cards/".length()).split("/");
    String cardId = segments[0];
    ArrayNode history = histories.computeIfAbsent(cardId, id -> JSON.createArrayNode());
    if ("GET".equals(exchange.getRequestMethod())) {
      answer(exchange, 200, view(cardId, history));
      return;
    }
    JsonNode refusal = refusals.get(cardId);
    if (refusal != null) {
      answer(exchange, refusal.path("status").asInt(), refusal);
      return;
    }
    String eventType = EVENTS.get(segments.length > 1 ? segments[1] : "");
    synchronized (history) {
      ObjectNode repeated = refusalOfARepeat(cardId, eventType, body, history);
      if (repeated != null) {
        answer(exchange, repeated.path("status").asInt(), repeated);
        return;
      }
      history
          .addObject()
          .put("sequence", history.size())
          .put("eventType", eventType)
          .put("correlationId", headers.get("x-correlation-id"));
      if ("IssuingBankChanged".equals(eventType)) {
        banks.put(cardId, body.path("bankCode").asText());
      }
    }
    Integer drop = answersToDrop.get(cardId);
    if (drop != null && drop > 0) {
      answersToDrop.put(cardId, drop - 1);
      exchange.close(); // applied, but the answer is lost
      return;
    }
    answer(exchange, 200, view(cardId, history));
  }

  /**
   * The real aggregate's refusal of a command that repeats what the card shows (CardAggregate), or
   * null.
   */
  private ObjectNode refusalOfARepeat(
      String cardId, String eventType, JsonNode body, ArrayNode history) {
    if ("IssuingBankChanged".equals(eventType)) {
      return body.path("bankCode").asText().equals(banks.get(cardId))
          ? refusal(400, "R-BANK-6", "所选银行即当前发卡银行。", "the card is already with this bank")
          : null;
    }
    if (!has(history, eventType)) {
      return null;
    }
    return switch (eventType) {
      case "SocialFunctionEnabled" ->
          refusal(409, "R-OLD-2", "该卡社保功能已启用。", "the social-security function is already enabled");
      case "FinancialFunctionActivated" ->
          refusal(409, "R-PICK-3", "该卡金融功能已激活。", "the financial function is already active");
      default ->
          refusal(
              409, "LIFECYCLE-ORDER", "当前卡片状态不能办理此项业务。", "cannot record " + eventType + " again");
    };
  }

  private static ObjectNode refusal(int status, String rule, String message, String detail) {
    return JSON.createObjectNode()
        .put("status", status)
        .put("rule", rule)
        .put("message", message)
        .put("detail", detail);
  }

  private static boolean has(ArrayNode history, String eventType) {
    for (JsonNode event : history) {
      if (event.path("eventType").asText().equals(eventType)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode view(String cardId, ArrayNode history) {
    ObjectNode card = JSON.createObjectNode().put("cardId", cardId).put("status", "COLLECTED");
    card.put("bankCode", banks.get(cardId));
    card.put("financialFunctionActive", has(history, "FinancialFunctionActivated"));
    card.set("history", history.deepCopy());
    return card;
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
