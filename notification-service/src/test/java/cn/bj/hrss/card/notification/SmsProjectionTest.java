package cn.bj.hrss.card.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The golden events, read from a real Kafka topic, give the holder one message each, sent. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class SmsProjectionTest {

  @Test
  void an_outlet_card_gives_acceptance_pickup_from_the_bank_enabling_and_activation() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requested(),
        card.produced(),
        card.dispatchedToOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号"),
        card.collected(),
        card.enabled(),
        card.oldCardInvalidated(),
        card.financialActivated("工商银行北京朝阳门支行"));

    JsonPath messages =
        Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of(
            "APPLICATION_ACCEPTED",
            "READY_FOR_PICKUP",
            "ENABLED_OLD_CARD_INVALID",
            "FINANCIAL_FUNCTION_ACTIVATED"),
        messages.getList("template"));
    assertEquals(
        "【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到工商银行北京朝阳门支行（北京市东城区朝阳门北大街1号）领取，领卡时可现场启用社保功能、激活金融功能。",
        messages.getString("[1].body"));
    assertEquals(List.of(0, 2, 4, 6), messages.getList("eventSequence"));
    assertEquals(
        card.mobile.substring(0, 3) + "****" + card.mobile.substring(7),
        messages.getString("[1].recipientMobile"));
    assertEquals(messages.getList("body"), Wire.textsReceivedBy(card.mobile));
  }

  @Test
  void a_mailed_card_gives_the_three_messages_the_end_to_end_test_expects() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requestedByMail("北京市海淀区中关村大街1号"),
        card.produced(),
        card.mailed("EA123456785CN"),
        card.delivered(),
        card.enabled(),
        card.oldCardInvalidated());

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "MAILED", "ENABLED_OLD_CARD_INVALID"),
        messages.getList("template"));
    assertEquals(MAILED_EMS, messages.getString("[1].body"));
  }

  private static final String MAILED_EMS =
      "【北京人社】您的社会保障卡已交邮寄送，快递单号EA123456785CN，请注意查收。"
          + "收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。";

  @Test
  void R_PICK_3_the_mailed_notice_says_how_to_enable_the_card_and_where_to_activate_it() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requestedByMail("北京市海淀区中关村大街2号"), card.produced(), card.mailed("EA123456785CN"));

    String mailed = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED").getString("[1].body");
    assertEquals(MAILED_EMS, mailed);
    assertTrue(mailed.contains("启用社保功能"), mailed);
    assertTrue(mailed.contains("本人持卡到发卡银行任一服务网点现场激活"), mailed);
  }

  @Test
  void R_OLD_2_a_first_issue_is_never_told_that_an_old_card_is_void() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requestedAsFirstIssueByMail("北京市海淀区中关村大街3号"),
        card.produced(),
        card.mailed("EA123456785CN"),
        card.delivered(),
        card.enabledWithoutAnOldCard());

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED");
    assertEquals(
        List.of("APPLICATION_ACCEPTED", "MAILED", "ENABLED"), messages.getList("template"));
    assertEquals("【北京人社】您的第三代社会保障卡社保功能已启用。", messages.getString("[2].body"));
    for (String text : Wire.textsReceivedBy(card.mobile)) {
      assertFalse(text.contains("失效"), text);
    }
  }

  /** Issue 17 item 6: the address comes from application-service's outlet data, with the event. */
  @Test
  void the_pickup_notice_names_the_registered_outlet_with_the_address_the_event_carries() {
    String outlet = "工商银行北京测试支行" + System.nanoTime() % 100000;
    TestCard card = TestCard.fresh();

    card.publish(
        card.requested(), card.produced(), card.dispatchedToOutlet(outlet, "北京市东城区朝阳门内大街2号"));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED");
    assertEquals(
        "【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到" + outlet + "（北京市东城区朝阳门内大街2号）领取，领卡时可现场启用社保功能、激活金融功能。",
        messages.getString("[1].body"));
  }

  /**
   * Issue 16 item 4: text a factory typed into a version 1 dispatch (an outlet never checked, a
   * tracking number in no carrier's format) never reaches an SMS.
   */
  @Test
  void a_factorys_own_words_in_an_old_dispatch_never_reach_the_notice() {
    TestCard pickup = TestCard.fresh();
    TestCard mail = pickup.next();

    pickup.publish(
        pickup.requested(),
        pickup.produced(),
        pickup.dispatchedToOutletAsVersion1("工商银行朝阳门支行旁边的便利店（凭短信领礼品）"));
    mail.publish(
        mail.requestedByMail("北京市海淀区中关村大街4号"),
        mail.produced(),
        mail.mailedAsVersion1("到付运费请在门卫处交"));

    String pickupNotice =
        Listing.awaitStatuses(pickup.id, "DELIVERED", "DELIVERED").getString("[1].body");
    String mailNotice =
        Listing.awaitStatuses(mail.id, "DELIVERED", "DELIVERED").getString("[1].body");
    assertEquals("【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到发卡银行网点领取，领卡时可现场启用社保功能、激活金融功能。", pickupNotice);
    assertTrue(mailNotice.contains("快递单号以快递公司通知为准"), mailNotice);
    assertTrue(Wire.textsReceivedBy(pickup.mobile).contains(pickupNotice));
    for (String text : Wire.textsReceivedBy(pickup.mobile)) {
      assertFalse(text.contains("便利店") || text.contains("礼品"), text);
    }
    for (String text : Wire.textsReceivedBy(mail.mobile)) {
      assertFalse(text.contains("到付") || text.contains("门卫"), text);
    }
  }

  /** Outlets have one source: this service keeps none, and no operator can add one here. */
  @Test
  void the_service_keeps_no_outlet_data_of_its_own() {
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(Map.of("bankCode", "ICBC", "address", "北京市东城区朝阳门内大街2号"))
        .put("/notifications/outlets/{name}", "工商银行北京测试支行")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(404, 405));
  }
}
