package cn.bj.hrss.card.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.infra.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
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
        card.dispatchedToOutlet("工商银行北京朝阳门支行"),
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
        "【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到工商银行北京朝阳门支行领取，领卡时可现场启用社保功能、激活金融功能。",
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
        card.mailed("EMS1234567890"),
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
      "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS1234567890，请注意查收。"
          + "收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。";

  @Test
  void R_PICK_3_the_mailed_notice_says_how_to_enable_the_card_and_where_to_activate_it() {
    TestCard card = TestCard.fresh();

    card.publish(
        card.requestedByMail("北京市海淀区中关村大街2号"), card.produced(), card.mailed("EMS1234567890"));

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
        card.mailed("EMS1234567890"),
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

  @Test
  void an_outlet_in_the_outlet_table_is_named_with_its_address() {
    String outlet = "工商银行北京测试支行" + System.nanoTime() % 100000;
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(Map.of("bankCode", "ICBC", "address", "北京市东城区朝阳门内大街2号"))
        .put("/notifications/outlets/{name}", outlet)
        .then()
        .statusCode(200);
    TestCard card = TestCard.fresh();

    card.publish(card.requested(), card.produced(), card.dispatchedToOutlet(outlet));

    JsonPath messages = Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED");
    assertEquals(
        "【工商银行】您的第三代社会保障卡已制作完成，请携带有效身份证件到" + outlet + "（北京市东城区朝阳门内大街2号）领取，领卡时可现场启用社保功能、激活金融功能。",
        messages.getString("[1].body"));
  }
}
