package cn.bj.hrss.card.notification;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A link slipped in through an event's value is blocked: recorded with the reason, never sent. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class BlockedMessageTest {

  @Test
  void an_outlet_name_with_a_link_blocks_the_pickup_notice() {
    TestCard card = TestCard.fresh();

    card.publish(card.requested(), card.produced(), card.dispatchedToOutlet("工商银行t。cn/A6x支行"));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "BLOCKED");
    assertTrue(messages.getString("[1].reason").startsWith("R-FRAUD-1"), messages.prettify());
    TestCard marker = card.next();
    marker.publish(marker.requested());
    Listing.awaitWire(marker.mobile, 1);
    assertEquals(List.of(messages.getString("[0].body")), Wire.textsReceivedBy(card.mobile));
    TestCallers.operator().get("/notifications/blocked").then().body("cardId", hasItem(card.id));
  }
}
