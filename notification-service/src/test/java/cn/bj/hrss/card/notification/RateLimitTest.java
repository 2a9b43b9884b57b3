package cn.bj.hrss.card.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At most 5 messages per phone per hour here (%test); the others wait, none is dropped. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class RateLimitTest {

  @Test
  void messages_over_the_per_phone_limit_wait_in_the_outbox() {
    String mobile = TestCard.randomMobile();
    List<TestCard> cards = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      TestCard card = TestCard.fresh().withMobile(mobile);
      card.publish(card.requested());
      cards.add(card);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> cards.stream().map(c -> Listing.of(c.id).getString("[0].status")).toList(),
            statuses ->
                statuses.stream().filter("DELIVERED"::equals).count() == 5
                    && statuses.stream().filter("QUEUED"::equals).count() == 2);
    List<String> waiting =
        cards.stream()
            .map(c -> Listing.of(c.id))
            .filter(m -> "QUEUED".equals(m.getString("[0].status")))
            .map(m -> m.getString("[0].reason"))
            .toList();
    assertTrue(
        waiting.stream().allMatch(r -> r.startsWith("waiting: at most 5 messages")),
        waiting.toString());
    assertEquals(5, Wire.textsReceivedBy(mobile).size());
  }
}
