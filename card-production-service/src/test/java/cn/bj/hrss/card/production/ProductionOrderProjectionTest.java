package cn.bj.hrss.card.production;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import cn.bj.hrss.card.testsupport.GoldenEvents;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The golden events, read from a real Kafka topic into the production orders. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ProductionOrderProjectionTest {

  @Test
  void an_application_becomes_an_order_that_follows_production_and_dispatch() {
    String cardId = UUID.randomUUID().toString();

    GoldenEvents.publish(cardId, CardRequested.class);
    TestCallers.awaitOrderStatus(cardId, "ORDERED");
    GoldenEvents.publish(cardId, CardProduced.class, CardDispatched.class);
    TestCallers.awaitOrderStatus(cardId, "DISPATCHED");

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
    TestCallers.awaitOrderStatus(cardId, "HANDED_OVER");

    // The publisher re-sends after a failed batch: earlier events arrive again, after later ones.
    // Applied a second time, CardProduced would move the order back to PRODUCED.
    GoldenEvents.publish(cardId, CardRequested.class, CardProduced.class);
    String marker = GoldenEvents.cardAfter(cardId);
    GoldenEvents.publish(marker, CardRequested.class);
    TestCallers.awaitOrderStatus(marker, "ORDERED");

    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("status", equalTo("HANDED_OVER"));
  }

  /** Every event sent for {@code cardId} so far has been consumed. */
  private static void awaitConsumed(String cardId) {
    String marker = GoldenEvents.cardAfter(cardId);
    GoldenEvents.publish(marker, CardRequested.class);
    TestCallers.awaitOrderStatus(marker, "ORDERED");
  }

  @Test
  void the_issue_18_golden_events_change_the_order_or_are_ignored_on_purpose() {
    String changed = UUID.randomUUID().toString();
    GoldenEvents.publish(changed, CardRequested.class, ApplicationChanged.class);
    String withdrawn = UUID.randomUUID().toString();
    GoldenEvents.publish(withdrawn, CardRequested.class, ApplicationWithdrawn.class);
    TestCallers.awaitOrderStatus(withdrawn, "WITHDRAWN");
    TestCallers.awaitOrderStatus(changed, "ORDERED");
    TestCallers.operator()
        .get("/production-orders/{id}", changed)
        .then()
        .body("bankCode", equalTo("ICBC"))
        .body("collectionMethod", equalTo("OUTLET_PICKUP"))
        .body("outletName", equalTo("工商银行北京朝阳门支行"));

    // A new mobile is not production's concern; the cancellation then closes the order.
    String cancelled = UUID.randomUUID().toString();
    GoldenEvents.publish(cancelled, CardRequested.class);
    TestCallers.awaitOrderStatus(cancelled, "ORDERED");
    String ordered = TestCallers.orderJson(cancelled);
    GoldenEvents.publish(cancelled, MobileNumberChanged.class);
    awaitConsumed(cancelled);
    assertEquals(ordered, TestCallers.orderJson(cancelled));
    GoldenEvents.publish(cancelled, CardCancelled.class);
    TestCallers.awaitOrderStatus(cancelled, "CANCELLED");

    // After the dispatch, the mail's return and the pickup period are the bank's, not production's.
    String returned = UUID.randomUUID().toString();
    GoldenEvents.publish(returned, CardRequested.class, CardProduced.class, CardDispatched.class);
    TestCallers.awaitOrderStatus(returned, "DISPATCHED");
    String dispatched = TestCallers.orderJson(returned);
    GoldenEvents.publish(
        returned, MailReturned.class, PickupPeriodEnding.class, UncollectedCardReturned.class);
    awaitConsumed(returned);
    assertEquals(dispatched, TestCallers.orderJson(returned));
  }

  @Test
  void an_unknown_card_is_not_found() {
    TestCallers.operator()
        .get("/production-orders/{id}", UUID.randomUUID().toString())
        .then()
        .statusCode(404);
  }
}
