package cn.bj.hrss.card.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: every turn a card's life takes after the happy path, from the contract's golden samples
 * of the new event types (each moved to a card of the test's own, at a sequence of its story), read
 * from the real card topic. Every text that goes out passes the anti-fraud policy.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class CardLifeTurnsTest {

  private static final String OUTLET = "工商银行北京朝阳门支行（北京市东城区朝阳门北大街1号）";

  @Test
  void S_CHANGE_1_the_holder_is_told_what_the_changed_application_now_says() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requested(),
        card.golden(ApplicationChanged.class, 1),
        card.golden(
            ApplicationChanged.class,
            2,
            p -> {
              p.put("fromBankCode", "ICBC").put("bankCode", "CCB").remove("outlet");
              p.putObject("collection").put("method", "MAIL").put("address", "北京市海淀区中关村大街1号");
            }));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "APPLICATION_CHANGED", "APPLICATION_CHANGED"),
        messages.getList("template"));
    assertBodiesFrom(
        messages,
        1,
        "【北京人社】您的第三代社会保障卡申领信息已变更：发卡银行为工商银行，领卡方式为到" + OUTLET + "领取。如非本人办理，请致电12333。",
        "【北京人社】您的第三代社会保障卡申领信息已变更：发卡银行为建设银行，领卡方式为邮寄至北京市海淀区****。如非本人办理，请致电12333。");
  }

  @Test
  void S_WITHDRAW_1_the_holder_is_told_they_may_apply_again_and_nothing_after_it() {
    TestCard card = TestCard.fresh();

    card.publish(card.requested());
    Listing.awaitStatuses(card.id, "DELIVERED");
    card.publish(card.golden(ApplicationWithdrawn.class, 1), card.golden(CardDispatched.class, 2));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED");
    assertEquals("【北京人社】您的第三代社会保障卡申领已撤回，不会制卡。如需办理，可重新申领。", messages.getString("[1].body"));
    assertPassTheAntiFraudPolicy(messages);
    awaitEverythingReadAfter(card);
    assertEquals(2, Listing.of(card.id).getList("template").size());
    assertEquals(messages.getList("body"), Wire.textsReceivedBy(card.mobile));
  }

  @Test
  void S_MAIL_2_and_S_PICKUP_1_failed_mail_the_pickup_reminder_and_the_return_to_the_bank() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requestedByMail("北京市海淀区中关村大街5号"),
        card.produced(),
        card.mailed("EA123456785CN"),
        card.golden(MailReturned.class, 3),
        card.golden(PickupPeriodEnding.class, 4),
        card.golden(UncollectedCardReturned.class, 5));

    JsonPath messages =
        Listing.awaitStatuses(
            card.id, "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of(
            "APPLICATION_ACCEPTED",
            "MAILED",
            "MAIL_RETURNED",
            "PICKUP_PERIOD_ENDING",
            "UNCOLLECTED_CARD_RETURNED"),
        messages.getList("template"));
    assertBodiesFrom(
        messages,
        2,
        "【工商银行】您邮寄的第三代社会保障卡未能投递，已转至" + OUTLET + "，请携带本人有效身份证件到该网点领取。",
        "【工商银行】您的第三代社会保障卡在" + OUTLET + "待领取，领取期限至2025年6月9日，请携带有效身份证件及时领取。",
        "【工商银行】您的第三代社会保障卡超过领取期限未领取，已退回发卡银行统一保管。如需领取，请携带有效身份证件到发卡银行任一服务网点申请领取。");
  }

  @Test
  void S_PROXY_1_the_holder_is_told_who_collected_the_card_masked_and_on_which_authorisation() {
    TestCard byProxy = TestCard.fresh();
    TestCard byHolder = byProxy.next();
    TestCard typedWords = byHolder.next();

    byProxy.publish(
        byProxy.requested(),
        byProxy.produced(),
        byProxy.dispatchedToOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号"),
        byProxy.collectedByProxy(3, "王*明", "SQ2025031400012"));
    byHolder.publish(
        byHolder.requested(),
        byHolder.produced(),
        byHolder.dispatchedToOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号"),
        byHolder.golden(CardCollected.class, 3));
    typedWords.publish(
        typedWords.requested(), typedWords.collectedByProxy(1, "王小明", "13812345678"));

    JsonPath messages = Listing.awaitStatuses(byProxy.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals("COLLECTED_BY_PROXY", messages.getString("[2].template"));
    assertEquals(
        "【北京人社】您的第三代社会保障卡已由王*明凭您的授权委托书（编号SQ2025031400012）代为领取。如非本人授权，请致电12333。",
        messages.getString("[2].body"));
    assertPassTheAntiFraudPolicy(messages);
    assertEquals(
        "【北京人社】您的第三代社会保障卡已由代领人凭您的授权委托书（编号以网点留存为准）代为领取。如非本人授权，请致电12333。",
        Listing.awaitStatuses(typedWords.id, "DELIVERED", "DELIVERED").getString("[1].body"));
    awaitEverythingReadAfter(typedWords);
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "READY_FOR_PICKUP"),
        Listing.of(byHolder.id).getList("template"));
  }

  @Test
  void S_MOBILE_1_later_notices_go_to_the_new_number_and_the_old_one_is_told_once() {
    TestCard card = TestCard.fresh();
    String newMobile = TestCard.randomMobile();

    card.publish(
        card.requested(),
        card.mobileChanged(1, MobileNumberChanged.HOLDER, newMobile),
        card.golden(CardProduced.class, 2),
        card.golden(CardDispatched.class, 3));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "MOBILE_NUMBER_CHANGED", "READY_FOR_PICKUP"),
        messages.getList("template"));
    String told = messages.getString("[1].body");
    assertEquals(
        "【北京人社】您的第三代社会保障卡的短信通知今后将发送至新手机号"
            + newMobile.substring(0, 3)
            + "****"
            + newMobile.substring(7)
            + "，本号码不再接收。如非本人办理，请本人携带有效身份证件到社保经办机构核实。",
        told);
    assertPassTheAntiFraudPolicy(messages);
    assertEquals(messages.getList("body").subList(0, 2), Wire.textsReceivedBy(card.mobile));
    assertEquals(List.of(messages.getString("[2].body")), Wire.textsReceivedBy(newMobile));
  }

  @Test
  void S_MOBILE_1_a_minors_notices_follow_the_guardians_new_number_not_the_holders() {
    TestCard card = TestCard.fresh();
    String holders = TestCard.randomMobile();
    String holdersNew = TestCard.randomMobile();
    String guardiansNew = TestCard.randomMobile();

    card.publish(
        card.requestedByGuardianFor(LocalDate.of(2015, 6, 1), holders),
        card.mobileChanged(1, MobileNumberChanged.HOLDER, holdersNew),
        card.mobileChanged(2, MobileNumberChanged.GUARDIAN, guardiansNew),
        card.golden(CardDispatched.class, 3));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "MOBILE_NUMBER_CHANGED", "READY_FOR_PICKUP"),
        messages.getList("template"));
    assertEquals(messages.getList("body").subList(0, 2), Wire.textsReceivedBy(card.mobile));
    assertEquals(List.of(messages.getString("[2].body")), Wire.textsReceivedBy(guardiansNew));
    assertEquals(List.of(), Wire.textsReceivedBy(holders));
    assertEquals(List.of(), Wire.textsReceivedBy(holdersNew));
  }

  @Test
  void S_END_1_a_cancellation_cancels_the_waiting_message_and_silences_the_card() {
    TestCard card = TestCard.fresh();
    Wire.failNext(card.mobile, 1000, "UNAVAILABLE");
    card.publish(card.requested());
    await().atMost(Duration.ofSeconds(30)).until(() -> !Wire.requestsFor(card.mobile).isEmpty());

    card.publish(
        card.golden(CardCancelled.class, 1),
        card.golden(CardDispatched.class, 2),
        card.golden(PickupPeriodEnding.class, 3));

    JsonPath messages = Listing.awaitStatuses(card.id, "CANCELLED");
    assertTrue(messages.getString("[0].reason").startsWith("S-END-1"), messages.prettify());
    awaitEverythingReadAfter(card);
    assertEquals(List.of("APPLICATION_ACCEPTED"), Listing.of(card.id).getList("template"));
    int attempts = Wire.requestsFor(card.mobile).size();
    await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
    assertEquals(attempts, Wire.requestsFor(card.mobile).size(), "a cancelled message is retried");
    assertEquals(List.of(), Wire.textsReceivedBy(card.mobile));
  }

  /** The card's messages from index {@code from} on are these texts, and all pass the policy. */
  private static void assertBodiesFrom(JsonPath messages, int from, String... bodies) {
    List<String> listed = messages.getList("body");
    assertEquals(List.of(bodies), listed.subList(from, listed.size()));
    assertPassTheAntiFraudPolicy(messages);
  }

  /** Every text listed passes the anti-fraud policy, as the sender checks it again. */
  private static void assertPassTheAntiFraudPolicy(JsonPath messages) {
    for (String body : messages.<String>getList("body")) {
      assertEquals(List.of(), AntiFraudPolicy.checkOutgoing(body).violations(), body);
    }
  }

  /**
   * Waits until a card published after {@code card} gave its message: the card's events are read.
   */
  private static void awaitEverythingReadAfter(TestCard card) {
    TestCard marker = card.next();
    marker.publish(marker.requested());
    Listing.awaitWire(marker.mobile, 1);
  }
}
