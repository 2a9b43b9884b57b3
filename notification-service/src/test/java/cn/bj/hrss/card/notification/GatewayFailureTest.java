package cn.bj.hrss.card.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gateway that fails: retried with backoff under one message id, delivered once; receipts. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class GatewayFailureTest {

  @Test
  void a_failed_send_is_retried_with_its_message_id_and_reaches_the_holder_once() {
    TestCard card = TestCard.fresh();
    Wire.failNext(card.mobile, 2, "UNAVAILABLE");
    Wire.failNext(card.mobile, 1, "ACCEPT_THEN_FAIL");

    card.publish(card.requested());

    // The gateway delivered it at the third attempt, whose answer was lost: DELIVERED already,
    // but SENT (sentAt) only once a retry with the same message id was accepted.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Listing.of(card.id).getString("[0].sentAt") != null);
    assertEquals("DELIVERED", Listing.of(card.id).getString("[0].status"));
    List<Map<String, Object>> requests = Wire.requestsFor(card.mobile);
    assertEquals(List.of(503, 503, 500, 200), requests.stream().map(r -> r.get("status")).toList());
    assertEquals(1, requests.stream().map(r -> r.get("messageId")).distinct().count());
    assertEquals(true, requests.get(3).get("duplicate"));
    assertEquals(1, Wire.textsReceivedBy(card.mobile).size());
  }

  @Test
  void an_undelivered_receipt_is_recorded() {
    TestCard card = TestCard.fresh();
    Wire.unreachable(card.mobile);

    card.publish(card.requested());

    Listing.awaitStatuses(card.id, "UNDELIVERED");
  }
}
