package cn.bj.hrss.card.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness reflects the database and Kafka; {@code /q/metrics} counts applied events and the SMS
 * sent and blocked (by rule), shows the consumer lag and the outbox, and holds no personal data.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class HealthAndMetricsTest {

  /** The only HTTP call of this class besides the listing helper: a scrape, no credentials. */
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

  /** The sample {@code name} with all of {@code labels}; 0 when not listed yet. */
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
  void sent_and_blocked_messages_and_applied_events_are_counted_without_personal_data() {
    String before = scrape();
    Map<String, String> fraud = Map.of("reason", "R-FRAUD-1", "stage", "recorded");
    double blocked = value(before, "sms_blocked_total", fraud);
    double sent = value(before, "sms_sent_total", Map.of());
    double requested = value(before, "card_events_applied_total", Map.of("type", "CardRequested"));

    TestCard card = TestCard.fresh();
    card.publish(card.requested(), card.produced(), card.dispatchedToOutlet("工商银行t。cn/A6x支行"));
    Listing.awaitStatuses(card.id, "DELIVERED", "BLOCKED");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String after = scrape();
              assertEquals(blocked + 1, value(after, "sms_blocked_total", fraud));
              assertEquals(sent + 1, value(after, "sms_sent_total", Map.of()));
              assertEquals(
                  requested + 1,
                  value(after, "card_events_applied_total", Map.of("type", "CardRequested")));
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String after = scrape();
              assertTrue(
                  after.contains(
                      "card_events_consumer_lag{group=\"notification-service\",topic=\"card-lifecycle.v1\"}"),
                  "the lag gauge of the group");
              assertFalse(
                  Double.isNaN(
                      value(
                          after,
                          "card_events_consumer_lag",
                          Map.of("group", "notification-service"))),
                  "the lag is measured");
              assertFalse(
                  Double.isNaN(value(after, "card_outbox_waiting", Map.of("outbox", "sms"))),
                  "the outbox is measured");
              assertTrue(after.contains("card_outbox_waiting{outbox=\"sms\"}"), after);
            });

    String text = scrape();
    assertFalse(text.contains(card.mobile), "a mobile in /q/metrics");
    assertFalse(text.contains(card.idNumber), "an ID number in /q/metrics");
    assertFalse(text.contains(card.id), "a card id in /q/metrics");
  }
}
