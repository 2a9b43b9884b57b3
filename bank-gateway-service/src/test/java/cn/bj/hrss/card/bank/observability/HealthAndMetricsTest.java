package cn.bj.hrss.card.bank.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Readiness (database, Kafka) and the metrics, both without the banks' credentials: the consumer
 * lag and the bank-feed outbox are measured.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class HealthAndMetricsTest {

  @Test
  void readiness_is_up_without_credentials() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
  }

  @Test
  void the_lag_and_the_outbox_are_measured_and_scraped_without_credentials() {
    Pattern lag =
        Pattern.compile(
            "(?m)^card_events_consumer_lag\\{group=\"bank-gateway-service\",topic=\"card-lifecycle.v1\"} [0-9.E]+$");
    Pattern outbox = Pattern.compile("(?m)^card_outbox_waiting\\{outbox=\"bank-feed\"} [0-9.E]+$");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String text =
                  given()
                      .auth()
                      .oauth2(
                          cn.bj.hrss.card.devidentity.DevTokens.shared()
                              .token("auditor", "prometheus"))
                      .get("/q/metrics")
                      .then()
                      .statusCode(200)
                      .extract()
                      .asString();
              assertTrue(lag.matcher(text).find(), "the lag, measured (not NaN)");
              assertTrue(outbox.matcher(text).find(), "the outbox, measured (not NaN)");
            });
  }
}
