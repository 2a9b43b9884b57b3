package cn.bj.hrss.card.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.factorysim.FactorySimulator;
import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The card factory reports while application-service is stopped, card-production-service is
 * restarted with the reports still pending, and application-service is stopped again in the middle
 * of a batch: every report is applied exactly once, each event names its report, and the one report
 * that cannot be applied is refused visibly.
 */
class FactoryReportsSurviveRestartIT {

  private static final String APPLICATION = "application-service";
  private static final String PRODUCTION = "card-production-service";
  private static final String FACTORY = "PSBC-card-bureau";
  private static final SuiteTokens TOKENS = SuiteTokens.startInTemporaryDirectory();
  private static final int CARDS = 40;
  private static final String SIMULATED_BANK = "CEB";

  private static LocalInfrastructure infra;
  private static ServiceProcesses services;
  private static FactorySimulator factory;

  @BeforeAll
  static void startSuite() {
    Path home = Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
    infra = LocalInfrastructure.start(System.getenv(), 0, 0);
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(APPLICATION, FreePort.find());
    ports.put(PRODUCTION, FreePort.find());
    Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
    environment.putAll(TOKENS.environment());
    environment.put("FACTORY_REPORTS_RETRY_MAX_BACKOFF", "2s");
    services =
        ServiceProcesses.start(
            home, environment, ports, home.resolve("deploy/target/restart-it-logs"));
    services.awaitReady(Duration.ofMinutes(3));
    SampleRegistry.loadInto(services.url(APPLICATION), 300, TOKENS.issuer());
    // The simulated card bureau (an outside party, partner-simulators) works for CEB only,
    // failing a third of its productions.
    factory =
        FactorySimulator.start(
            FactorySimulator.Settings.of(services.url(PRODUCTION))
                .withBanks(List.of(SIMULATED_BANK))
                .withFailureRate(0.34)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            TOKENS::token);
  }

  @AfterAll
  static void stopSuite() {
    if (factory != null) {
      factory.close();
    }
    if (services != null) {
      services.close();
    }
    if (infra != null) {
      infra.close();
    }
    TOKENS.close();
  }

  private static String apply(SampleRegistry.Person person, int i) {
    return apply(person, i, "PSBC");
  }

  private static String apply(SampleRegistry.Person person, int i, String bank) {
    return given()
        .baseUri(services.url(APPLICATION))
        .contentType(ContentType.JSON)
        .header("Authorization", TOKENS.authorization("CITIZEN", person.idNumber()))
        .header("X-Channel", "MINSHENG_ONE_CARD_MINI_PROGRAM")
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "139%08d"},
             "bankCode": "%s",
             "collection": {"method": "MAIL", "address": "北京市海淀区中关村大街%d号"}}
            """
                .formatted(person.idNumber(), person.name(), i, bank, i))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  private static String line(String cardId, String kind, String field, String value) {
    return "{\"reference\":\"%s-%s-%s\",\"cardId\":\"%s\",\"kind\":\"%s\",%s}"
        .formatted(cardId, kind, value, cardId, kind, field.formatted(value));
  }

  /** A factory file: for each card, produced then dispatched by mail. */
  private static void reportBatch(List<String> cards) {
    List<String> lines = new ArrayList<>();
    for (String card : cards) {
      lines.add(line(card, "PRODUCED", "\"cardNumber\":\"%s\"", number(card)));
      lines.add(
          line(
              card,
              "DISPATCHED",
              "\"method\":\"MAIL\",\"trackingNumber\":\"%s\"",
              "SF%013d".formatted(Math.floorMod((long) card.hashCode(), 10_000_000_000_000L))));
    }
    given()
        .baseUri(services.url(PRODUCTION))
        .header("Authorization", TOKENS.authorization("CARD_FACTORY", FACTORY))
        .contentType(ContentType.JSON)
        .body("{\"reports\":[" + String.join(",", lines) + "]}")
        .post("/factories/{f}/reports", FACTORY)
        .then()
        .statusCode(202)
        .body("received", equalTo(lines.size()));
  }

  private static String number(String cardId) {
    return ("P" + cardId.replace("-", "").toUpperCase()).substring(0, 9);
  }

  /** How many of the factory's reports are in a state. */
  private static int reports(String state) {
    return given()
        .baseUri(services.url(PRODUCTION))
        .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
        .queryParam("factoryId", FACTORY)
        .queryParam("state", state)
        .queryParam("limit", 1)
        .get("/factory-reports")
        .jsonPath()
        .getInt("total");
  }

  private static JsonPath card(String cardId) {
    return given()
        .baseUri(services.url(APPLICATION))
        .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
        .get("/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void every_factory_report_is_applied_exactly_once_across_restarts() {
    List<SampleRegistry.Person> people =
        SampleRegistry.generated(300, SampleRegistry.SEED).stream()
            .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
            .limit(CARDS)
            .toList();
    assertEquals(CARDS, people.size());
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < CARDS; i++) {
      cards.add(apply(people.get(i), i));
    }
    List<String> firstHalf = cards.subList(0, CARDS / 2);
    List<String> secondHalf = cards.subList(CARDS / 2, CARDS);
    String failedFirst = secondHalf.get(0);
    // The factory reports on the orders assigned to it (S-FACTORY-1): they are there first.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .baseUri(services.url(PRODUCTION))
                    .header("Authorization", TOKENS.authorization("CARD_FACTORY", FACTORY))
                    .queryParam("limit", 1)
                    .get("/production-orders")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(CARDS)));

    // 1. application-service is down while the factory reports.
    services.stop(APPLICATION);
    reportBatch(firstHalf);
    given()
        .baseUri(services.url(PRODUCTION))
        .header("Authorization", TOKENS.authorization("CARD_FACTORY", FACTORY))
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"chip personalisation failed\"}")
        .post("/factories/{f}/cards/{c}/production-failures", FACTORY, failedFirst)
        .then()
        .statusCode(202);
    // A second produced report with another number: it can never be applied.
    given()
        .baseUri(services.url(PRODUCTION))
        .header("Authorization", TOKENS.authorization("CARD_FACTORY", FACTORY))
        .contentType(ContentType.JSON)
        .body("{\"cardNumber\":\"X00000000\"}")
        .post("/factories/{f}/cards/{c}/produced", FACTORY, firstHalf.get(0))
        .then()
        .statusCode(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .baseUri(services.url(PRODUCTION))
                    .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
                    .queryParam("cardId", failedFirst)
                    .get("/factory-reports")
                    .then()
                    .body("reports[0].state", equalTo("PENDING"))
                    .body("reports[0].attempts", greaterThanOrEqualTo(2)));

    // 2. card-production-service restarts with every report still pending.
    int pending = reports("PENDING");
    assertEquals(CARDS + 2, pending);
    services.restart(PRODUCTION);
    services.restart(APPLICATION);
    services.awaitReady(Duration.ofMinutes(3));

    // 3. application-service stops in the middle of the next file, as soon as it has taken some.
    await().atMost(Duration.ofMinutes(2)).until(() -> reports("PENDING") == 0);
    int appliedBefore = reports("APPLIED");
    reportBatch(secondHalf);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> reports("APPLIED") > appliedBefore);
    services.stop(APPLICATION);
    System.out.printf(
        "application-service stopped with %d of %d reports of the second file applied%n",
        reports("APPLIED") - appliedBefore, 2 * secondHalf.size());
    services.restart(APPLICATION);
    services.awaitReady(Duration.ofMinutes(3));

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertEquals(0, reports("PENDING")));
    JsonPath applied =
        given()
            .baseUri(services.url(PRODUCTION))
            .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
            .queryParam("factoryId", FACTORY)
            .queryParam("state", "APPLIED")
            .queryParam("limit", 500)
            .get("/factory-reports")
            .jsonPath();
    System.out.printf(
        "reports found already applied by an attempt whose answer was lost: %d%n",
        applied.getList("reports.findAll { it.outcomeDetail != null }").size());
    assertEquals(2 * CARDS + 1, reports("APPLIED"));
    assertEquals(1, reports("REFUSED"));
    assertEquals(0, reports("DUPLICATE"));
    given()
        .baseUri(services.url(PRODUCTION))
        .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
        .queryParam("factoryId", FACTORY)
        .queryParam("state", "REFUSED")
        .get("/factory-reports")
        .then()
        .body("reports[0].cardId", equalTo(firstHalf.get(0)))
        .body("reports[0].outcomeRule", equalTo("LIFECYCLE-ORDER"));

    for (String cardId : cards) {
      JsonPath card = card(cardId);
      assertEquals("DISPATCHED", card.getString("status"), cardId);
      assertEquals(number(cardId), card.getString("cardNumber"), cardId);
      List<String> events = card.getList("history.eventType");
      assertEquals(1, events.stream().filter("CardProduced"::equals).count(), events.toString());
      assertEquals(1, events.stream().filter("CardDispatched"::equals).count(), events.toString());
      assertEquals(
          cardId.equals(failedFirst) ? 1 : 0,
          events.stream().filter("CardProductionFailed"::equals).count(),
          events.toString());
      // The event names the report it came from.
      String producedBy =
          card.getString("history.find { it.eventType == 'CardProduced' }.correlationId");
      given()
          .baseUri(services.url(PRODUCTION))
          .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
          .get("/factory-reports/{id}", producedBy)
          .then()
          .statusCode(200)
          .body("cardId", equalTo(cardId))
          .body("state", equalTo("APPLIED"));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .baseUri(services.url(PRODUCTION))
                    .header("Authorization", TOKENS.authorization("OPERATOR", "restart-drill"))
                    .queryParam("bankCode", "PSBC")
                    .queryParam("status", "DISPATCHED")
                    .get("/production-orders")
                    .then()
                    .body("total", equalTo(CARDS)));
  }

  @Test
  void the_factory_simulator_produces_and_dispatches_every_open_order() {
    List<SampleRegistry.Person> people =
        SampleRegistry.generated(300, SampleRegistry.SEED).stream()
            .filter(p -> p.category().equals("COLLEGE_STUDENT"))
            .limit(5)
            .toList();
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      cards.add(apply(people.get(i), 1000 + i, SIMULATED_BANK));
    }
    for (String cardId : cards) {
      await()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(() -> assertEquals("DISPATCHED", card(cardId).getString("status")));
      List<String> events = card(cardId).getList("history.eventType");
      assertEquals(1, events.stream().filter("CardProduced"::equals).count(), events.toString());
    }
  }
}
