package cn.bj.hrss.card.production;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Readiness (database, Kafka) and the consumer's metrics: applied events, lag, outbox. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class HealthAndMetricsTest {

  /** The only HTTP call of this class: a scrape, without credentials. */
  private static String scrape() {
    return given()
        .auth()
        .oauth2(cn.bj.hrss.card.devidentity.DevTokens.shared().token("auditor", "prometheus"))
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static double value(String text, String name, Map<String, String> labels) {
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      if (labels.entrySet().stream()
          .allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  @Test
  void readiness_is_up_with_the_database_and_kafka() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
  }

  @Test
  void an_applied_event_is_counted_and_the_lag_and_the_outbox_are_measured() {
    Map<String, String> requested = Map.of("type", "CardRequested");
    double before = value(scrape(), "card_events_applied_total", requested);
    String cardId = UUID.randomUUID().toString();

    CardEvents.requestedByMail(
        cardId, CardEvents.newBank(), "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String text = scrape();
              assertEquals(before + 1, value(text, "card_events_applied_total", requested));
              Map<String, String> group = Map.of("group", "card-production-service");
              assertFalse(Double.isNaN(value(text, "card_events_consumer_lag", group)), text);
              assertFalse(
                  Double.isNaN(
                      value(text, "card_outbox_waiting", Map.of("outbox", "production-alerts"))),
                  text);
              assertFalse(text.contains(cardId), "a card id in /q/metrics");
            });
  }
}
