package cn.bj.hrss.card.notification;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Patterns worth an operator's look, masked: shared mobiles and addresses, a late new mobile. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class SuspiciousPatternsTest {

  @Test
  void applications_sharing_a_mobile_and_an_address_are_listed() {
    String mobile = TestCard.randomMobile();
    String address = "北京市朝阳区测试路" + System.nanoTime() % 100000 + "号";
    List<TestCard> cards =
        List.of(TestCard.fresh(), TestCard.fresh(), TestCard.fresh()).stream()
            .map(c -> c.withMobile(mobile))
            .toList();
    cards.forEach(c -> c.publish(c.requestedByMail(address)));
    cards.forEach(c -> Listing.awaitStatuses(c.id, "DELIVERED"));

    String body =
        TestCallers.operator()
            .get("/notifications/suspicious")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonPath report = JsonPath.from(body);
    List<String> ids = cards.stream().map(c -> c.id).sorted().toList();
    Map<String, Object> byMobile =
        report.<Map<String, Object>>getList("sharedMobiles").stream()
            .filter(g -> ((List<?>) g.get("cardIds")).containsAll(ids))
            .findFirst()
            .orElseThrow();
    assertEquals(mobile.substring(0, 3) + "****" + mobile.substring(7), byMobile.get("mobile"));
    assertEquals(3, byMobile.get("cards"));
    assertTrue(
        report.<Map<String, Object>>getList("sharedAddresses").stream()
            .anyMatch(g -> ((List<?>) g.get("cardIds")).containsAll(ids)));
    TestCallers.operator()
        .get("/notifications/suspicious")
        .then()
        .body(not(containsString(address)));
    TestCallers.operator()
        .get("/notifications/suspicious")
        .then()
        .body(not(containsString(mobile)));
  }

  @Test
  void a_new_mobile_shortly_before_the_card_is_mailed_is_listed() {
    TestCard first = TestCard.fresh();
    first.publish(first.requested());
    TestCard second = TestCard.fresh().withIdNumber(first.idNumber);
    second.publish(
        second.requestedByMail("北京市海淀区中关村大街1号"),
        second.produced(),
        second.mailed("SF123456789012"));
    Listing.awaitStatuses(second.id, "DELIVERED", "DELIVERED");

    JsonPath report =
        TestCallers.operator().get("/notifications/suspicious").then().extract().jsonPath();
    Map<String, Object> change =
        report.<Map<String, Object>>getList("mobileChangedBeforeMail").stream()
            .filter(c -> c.get("cardId").equals(second.id))
            .findFirst()
            .orElseThrow();
    assertEquals(first.id, change.get("previousCardId"));
  }

  /** S-MOBILE-1: the note now also sees the card's own mobile changed before it was mailed. */
  @Test
  void S_MOBILE_1_a_mobile_number_changed_shortly_before_the_card_is_mailed_is_listed() {
    TestCard card = TestCard.fresh();
    String newMobile = TestCard.randomMobile();
    card.publish(
        card.requestedByMail("北京市海淀区中关村大街6号"),
        card.mobileChanged(1, MobileNumberChanged.HOLDER, newMobile),
        card.golden(CardProduced.class, 2),
        card.golden(
            CardDispatched.class,
            3,
            p -> {
              p.put("method", "MAIL").put("trackingNumber", "EA123456785CN");
              p.remove(List.of("outletName", "outlet"));
            }));
    Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");

    String body =
        TestCallers.operator().get("/notifications/suspicious").then().extract().asString();
    Map<String, Object> change =
        JsonPath.from(body).<Map<String, Object>>getList("mobileChangedBeforeMail").stream()
            .filter(c -> c.get("cardId").equals(card.id))
            .findFirst()
            .orElseThrow(() -> new AssertionError(body));
    assertEquals("MOBILE_NUMBER_CHANGED", change.get("how"));
    assertEquals(card.id, change.get("previousCardId"));
    assertEquals(
        newMobile.substring(0, 3) + "****" + newMobile.substring(7), change.get("newMobile"));
    assertFalse(body.contains(newMobile), body);
    assertFalse(body.contains(card.mobile), body);
  }
}
