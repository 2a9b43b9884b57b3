package cn.bj.hrss.card.production.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each order gets its legal deadline from its CardRequested (tests run as of 2025-04-03). */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class DeadlinesInTheProjectionTest {

  private static void awaitOrder(String cardId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", cardId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status)));
  }

  @Test
  void R_SLA_3_a_bank_outlet_order_is_due_on_the_4th_working_day_across_an_adjusted_saturday() {
    String cardId = UUID.randomUUID().toString();
    // Thu 2025-02-06 10:00 Beijing; Sat 02-08 is 调休上班
    CardEvents.requestedAtOutlet(
        cardId, CardEvents.newBank(), "BANK_OUTLET", "2025-02-06T02:00:00Z", "工行西单支行");
    awaitOrder(cardId, "ORDERED");
    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("applicationDate", equalTo("2025-02-06"))
        .body("dueDate", equalTo("2025-02-11"))
        .body("deadlineRule", equalTo("R-SLA-3"))
        .body("overdue", equalTo(true));
  }

  @Test
  void a_failed_production_keeps_the_order_open_and_late() {
    String cardId = UUID.randomUUID().toString();
    CardEvents.requestedByMail(
        cardId, CardEvents.newBank(), "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");
    CardEvents.productionFailed(cardId, 1, "2025-03-20T02:00:00Z");
    awaitOrder(cardId, "PRODUCTION_FAILED");
    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("failureCount", equalTo(1))
        .body("lastFailureReason", equalTo("chip fault"))
        .body("dueDate", equalTo("2025-04-02"))
        .body("overdue", equalTo(true));
  }
}
