package cn.bj.hrss.card.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a drill asks the running suite, in one place: commands to application-service as a caller
 * sends them, the operator's and auditor's reads (reconciliation, rebuild progress), the texts the
 * SMS gateway received, counts in the database; and the waits, each naming what it waits for when
 * it gives up. A marker (an honest application made after the thing under test, awaited through
 * every consumer) shows that whatever the thing caused has had its effect.
 */
final class DrillProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final DrillSuite suite;
  private final String actor;
  private final Duration timeout;

  /**
   * @param actor the operator's and auditor's id in this drill's requests
   * @param timeout how long a request may wait for its answer
   */
  DrillProbe(DrillSuite suite, String actor, Duration timeout) {
    this.suite = suite;
    this.actor = actor;
    this.timeout = timeout;
  }

  // ------------------------------------------------------------------ requests

  /** A request to an instance (a service, or "name#2") from an operator's console. */
  HttpRequest.Builder request(String instance, String path, String role) {
    return HttpRequest.newBuilder(URI.create(suite.url(instance) + path))
        .timeout(timeout)
        .header("Authorization", suite.tokens.authorization(role, actor))
        .header("X-Channel", "OPERATOR_CONSOLE");
  }

  /**
   * A command to an application-service {@code instance} as {@code role} {@code caller} through
   * {@code channel}; with an Idempotency-Key unless it is null.
   */
  HttpResponse<String> command(
      String instance,
      String path,
      String role,
      String caller,
      String channel,
      String body,
      String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(suite.url(instance) + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("X-Channel", channel)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    // A factory's report arrives as card-production-service relays it (ADR 24).
    suite.tokens.applicationServiceHeaders(role, caller).forEach(request::header);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An operator's request without a body (GET, or POST to start something). */
  HttpResponse<String> operator(String method, String service, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        request(service, path, "OPERATOR")
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The operator imports {@code people} 0 to {@code count - 1} into the registry. */
  void importRegistry(DrillPersons people, int count) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            request(DrillSuite.APPLICATION, "/insured-persons/import", "OPERATOR")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(people.registryCsv(count)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(answer.statusCode() < 300, "registry import: " + answer.body());
  }

  static JsonNode json(HttpResponse<String> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ what the suite shows

  /** The auditor's reconciliation of every service with the event store. */
  JsonNode reconciliation() throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            request(DrillSuite.APPLICATION, "/audit/reconciliation", "AUDITOR").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), "reconciliation: " + answer.body());
    return json(answer);
  }

  /** Waits until every projection is in step with the event store; fails with the last report. */
  void awaitInStep(Duration atMost) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    awaitUntil(
        "every projection in step with the event store (reconciliation consistent)",
        atMost,
        () -> {
          last.set(reconciliation());
          return last.get().path("consistent").asBoolean();
        },
        last::get);
  }

  /** The state of {@code service}'s projection rebuild. */
  JsonNode progress(String service) {
    try {
      return json(operator("GET", service, "/projection/rebuild"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a rebuild of every projection of {@code services}. */
  void startRebuilds(List<String> services) throws Exception {
    for (String service : services) {
      HttpResponse<String> answer = operator("POST", service, "/projection/rebuild");
      assertEquals(202, answer.statusCode(), service + ": " + answer.body());
    }
  }

  /** Whether every rebuild of {@code services} has ended (DONE, or FAILED). */
  boolean rebuildsEnded(List<String> services) {
    return services.stream()
        .allMatch(s -> List.of("DONE", "FAILED").contains(progress(s).path("state").asText()));
  }

  /**
   * Rebuilds every projection of {@code services} from scratch and checks that each rebuild is done
   * and identical to the projection it replaced; returns each service's progress.
   */
  Map<String, JsonNode> rebuildAndCompare(List<String> services, Duration atMost) throws Exception {
    startRebuilds(services);
    awaitRebuildsEnded(services, atMost);
    Map<String, JsonNode> progress = new LinkedHashMap<>();
    for (String service : services) {
      JsonNode state = progress(service);
      progress.put(service, state);
      assertEquals("DONE", state.path("state").asText(), service + ": " + state);
      assertTrue(state.path("identical").asBoolean(), service + " differs: " + state);
    }
    return progress;
  }

  void awaitRebuildsEnded(List<String> services, Duration atMost) {
    awaitUntil(
        "the projection rebuilds of " + services + " ended",
        atMost,
        () -> rebuildsEnded(services),
        () -> services.stream().map(s -> s + " " + progress(s)).toList());
  }

  /** How many texts the SMS gateway received for each of {@code mobiles}. */
  Map<String, Integer> textsReceived(Collection<String> mobiles) {
    Map<String, Integer> received = new LinkedHashMap<>();
    for (String mobile : mobiles) {
      received.put(mobile, suite.smsGateway.received(mobile).size());
    }
    return received;
  }

  /** Waits until the SMS gateway received exactly {@code expected} texts per mobile. */
  void awaitTexts(Map<String, Integer> expected, Duration atMost) {
    awaitUntil(
        "the texts of " + expected.size() + " holders at the SMS gateway",
        atMost,
        () -> textsReceived(expected.keySet()).equals(expected),
        () -> differences(expected, textsReceived(expected.keySet())));
  }

  /** The mobiles whose count differs: "mobile: expected -> received", ten at most. */
  static List<String> differences(Map<String, Integer> expected, Map<String, Integer> received) {
    return expected.keySet().stream()
        .filter(mobile -> !expected.get(mobile).equals(received.get(mobile)))
        .limit(10)
        .map(mobile -> mobile + ": " + expected.get(mobile) + " -> " + received.get(mobile))
        .toList();
  }

  // ------------------------------------------------------------------ the database

  Connection database() throws Exception {
    Map<String, String> environment = suite.infra.serviceEnvironment();
    return DriverManager.getConnection(
        environment.get("SUITE_DB_URL"),
        environment.get("SUITE_DB_USER"),
        environment.getOrDefault("SUITE_DB_PASSWORD", ""));
  }

  long count(String sql) throws Exception {
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** The rows of a two-column query: the first column's text, the second's number. */
  Map<String, Long> rows(String sql) throws Exception {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        rows.put(row.getString(1), row.getLong(2));
      }
    }
    return rows;
  }

  /** Messages that repeat an earlier one: the same card event of the same type to the same bank. */
  long duplicateBankMessages() throws Exception {
    return count(
        "SELECT count(*) - count(DISTINCT (bank_code, card_id, card_sequence, message_type))"
            + " FROM bank_gateway.bank_feed_message");
  }

  long bankMessages(String type) throws Exception {
    return count(
        "SELECT count(*) FROM bank_gateway.bank_feed_message WHERE message_type = '" + type + "'");
  }

  Map<String, Long> bankMessagesPerBank() throws Exception {
    return rows(
        "SELECT bank_code, count(*) FROM bank_gateway.bank_feed_message"
            + " GROUP BY bank_code ORDER BY bank_code");
  }

  /** Texts notification-service has handed to its outbox but not yet to the SMS gateway. */
  long textsWaiting() throws Exception {
    return count("SELECT count(*) FROM notification.sms_outbox WHERE status = 'QUEUED'");
  }

  // ------------------------------------------------------------------ the marker

  /** An honest application made after the thing under test: its card, mobile and bank. */
  record Marker(String card, String mobile, String bank) {}

  /**
   * Makes an honest application by mail for {@code people}'s person {@code person} (in the
   * registry, and no other part of the drill) with {@code bank}, and waits until it has gone
   * through every consumer: its text is at the SMS gateway, its CardRequested message in the bank's
   * feed, every projection is in step with the event store and no text waits in
   * notification-service's outbox. Whatever was caused before the marker has had its effect by
   * then, so that a check that nothing more happened means it.
   */
  Marker marker(DrillPersons people, int person, String bank, Duration atMost) throws Exception {
    String application =
        JSON.writeValueAsString(
            Map.of(
                "applicant",
                Map.of(
                    "idNumber",
                    people.idNumber(person),
                    "name",
                    people.name(person),
                    "mobile",
                    people.mobile(person)),
                "bankCode",
                bank,
                "collection",
                Map.of("method", "MAIL", "address", "北京市朝阳区标记路" + person + "号")));
    HttpResponse<String> answer =
        command(
            DrillSuite.APPLICATION,
            "/cards",
            "CITIZEN",
            people.idNumber(person),
            "JINGTONG_MINI_PROGRAM",
            application,
            null);
    assertEquals(201, answer.statusCode(), "the marker's application: " + answer.body());
    Marker marker = new Marker(json(answer).path("cardId").asText(), people.mobile(person), bank);
    AtomicReference<String> last = new AtomicReference<>();
    awaitUntil(
        "the marker " + marker + " through every consumer",
        atMost,
        () -> {
          boolean texted = !suite.smsGateway.received(marker.mobile()).isEmpty();
          long inFeed =
              count(
                  "SELECT count(*) FROM bank_gateway.bank_feed_message WHERE bank_code = '"
                      + bank
                      + "' AND card_id::text = '"
                      + marker.card()
                      + "'");
          boolean inStep = reconciliation().path("consistent").asBoolean();
          long waiting = textsWaiting();
          last.set(
              "texted "
                  + texted
                  + ", bank messages "
                  + inFeed
                  + ", in step "
                  + inStep
                  + ", texts waiting "
                  + waiting);
          return texted && inFeed > 0 && inStep && waiting == 0;
        },
        last::get);
    return marker;
  }

  // ------------------------------------------------------------------ waiting

  /** What a wait checks; it may throw (the wait goes on). */
  interface Check {
    boolean holds() throws Exception;
  }

  /** What a wait reports when it gives up: the last thing it saw. */
  interface Seen {
    Object last() throws Exception;
  }

  /**
   * Waits until {@code check} holds, checking every half second; after {@code atMost} fails with an
   * AssertionError naming {@code what} and what was seen last.
   */
  static void awaitUntil(String what, Duration atMost, Check check, Seen seen) {
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(check::holds);
    } catch (org.awaitility.core.ConditionTimeoutException timeout) {
      Object last;
      try {
        last = seen.last();
      } catch (Exception e) {
        last = "(not read: " + e + ")";
      }
      throw new AssertionError(
          "waited " + atMost.toSeconds() + " s for " + what + " in vain; last seen: " + last,
          timeout);
    }
  }
}
