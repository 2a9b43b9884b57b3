package cn.bj.hrss.card.production;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.testsupport.GoldenEvents;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The golden events, read from a real Kafka topic into the production orders. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ProductionOrderProjectionTest {

  private static void awaitStatus(String cardId, String status) {
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
  void an_application_becomes_an_order_that_follows_production_and_dispatch() {
    String cardId = UUID.randomUUID().toString();

    GoldenEvents.publish(cardId, CardRequested.class);
    awaitStatus(cardId, "ORDERED");
    GoldenEvents.publish(cardId, CardProduced.class, CardDispatched.class);
    awaitStatus(cardId, "DISPATCHED");

    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("bankCode", equalTo("ICBC"))
        .body("channel", equalTo("JINGTONG_MINI_PROGRAM"))
        .body("collectionMethod", equalTo("OUTLET_PICKUP"))
        .body("cardNumber", equalTo("A12345678"))
        .body("applicationDate", equalTo("2025-03-03"))
        .body("dueDate", equalTo("2025-04-02"))
        .body("deadlineRule", equalTo("R-SLA-1"))
        .body("outletName", equalTo("工商银行北京朝阳门支行"));
  }

  @Test
  void a_redelivered_event_changes_nothing() {
    String cardId = UUID.randomUUID().toString();
    GoldenEvents.publish(
        cardId, CardRequested.class, CardProduced.class, CardDispatched.class, CardCollected.class);
    awaitStatus(cardId, "HANDED_OVER");

    // The publisher re-sends after a failed batch: earlier events arrive again, after later ones.
    // Applied a second time, CardProduced would move the order back to PRODUCED.
    GoldenEvents.publish(cardId, CardRequested.class, CardProduced.class);
    String marker = GoldenEvents.cardAfter(cardId);
    GoldenEvents.publish(marker, CardRequested.class);
    awaitStatus(marker, "ORDERED");

    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("status", equalTo("HANDED_OVER"));
  }

  @Test
  void an_unknown_card_is_not_found() {
    TestCallers.operator()
        .get("/production-orders/{id}", UUID.randomUUID().toString())
        .then()
        .statusCode(404);
  }
}
