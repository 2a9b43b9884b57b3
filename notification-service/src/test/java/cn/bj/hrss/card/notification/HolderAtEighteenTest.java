package cn.bj.hrss.card.notification;

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
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R-BANK-4 (issue 16 item 1): a guardian's authority ends on the minor's 18th birthday, and from
 * then on the holder, not the guardian, receives the card's notices. The golden events of a card
 * occur on 2025-03-03 (applied), 2025-03-11 (dispatched to the outlet) and 2025-03-14 (enabled): a
 * minor born on 2007-03-12 turns 18 between the dispatch and the enabling.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class HolderAtEighteenTest {

  private static final LocalDate EIGHTEEN_ON_2025_03_12 = LocalDate.of(2007, 3, 12);

  @Test
  void R_BANK_4_from_the_18th_birthday_the_notices_go_to_the_holders_own_mobile() {
    TestCard card = TestCard.fresh();
    String holders = TestCard.randomMobile();

    card.publish(
        card.requestedByGuardianFor(EIGHTEEN_ON_2025_03_12, holders),
        card.produced(),
        card.dispatchedToOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号"),
        card.collected(),
        card.enabled());

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "READY_FOR_PICKUP", "ENABLED_OLD_CARD_INVALID"),
        messages.getList("template"));
    assertEquals(messages.getList("body").subList(0, 2), Wire.textsReceivedBy(card.mobile));
    assertEquals(List.of(messages.getString("[2].body")), Listing.awaitWire(holders, 1));
  }

  @Test
  void R_BANK_4_without_a_mobile_of_the_holders_own_the_guardian_is_not_told_after_18() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requestedByGuardianFor(EIGHTEEN_ON_2025_03_12, card.mobile),
        card.produced(),
        card.dispatchedToOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号"),
        card.collected(),
        card.enabled());

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "BLOCKED");
    assertTrue(messages.getString("[2].reason").startsWith("R-BANK-4"), messages.prettify());
    TestCard marker = card.next();
    marker.publish(marker.requested());
    Listing.awaitWire(marker.mobile, 1);
    assertEquals(messages.getList("body").subList(0, 2), Wire.textsReceivedBy(card.mobile));
  }
}
