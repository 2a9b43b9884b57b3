package cn.bj.hrss.card.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.notification.antifraud.NoticeWarning;
import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A citizen pastes an SMS and their mobile: ours (and when), or fraud with the notice's warning.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class MessageCheckTest {

  private static ValidatableResponse ask(String mobile, String text) {
    return TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(Map.of("mobile", mobile, "text", text))
        .post("/notifications/verify")
        .then();
  }

  @Test
  void a_text_sent_to_that_number_is_confirmed_with_the_time_even_copied_with_other_spacing() {
    TestCard card = TestCard.fresh();
    card.publish(card.requested());
    JsonPath sent = Listing.awaitStatuses(card.id, "DELIVERED");
    String copied = " " + sent.getString("[0].body").replace("，", "， ").replace("。", "。\n");

    ask("+86" + card.mobile, copied)
        .statusCode(200)
        .body("sentByProgramme", equalTo(true))
        .body("sentAt", equalTo(sent.getString("[0].sentAt")))
        .body("answer", startsWith("这条短信确由"))
        .body("noticeWarning", nullValue());
  }

  @Test
  void a_text_not_sent_to_that_number_is_fraud_and_the_answer_says_nothing_of_other_numbers() {
    TestCard card = TestCard.fresh();
    card.publish(card.requested());
    String ours = Listing.awaitStatuses(card.id, "DELIVERED").getString("[0].body");
    String scam = "【北京人社】您的社保卡需激活，请点击 bjrs。cn 并回复验证码";

    ask(TestCard.randomMobile(), scam)
        .statusCode(200)
        .body("sentByProgramme", equalTo(false))
        .body("noticeWarning", equalTo(NoticeWarning.TEXT))
        .body("fraudSigns", hasItem(startsWith("R-FRAUD-1")))
        .body("fraudSigns", hasItem(startsWith("R-FRAUD-2")));
    String otherNumber = ask(TestCard.randomMobile(), ours).extract().asString();
    String neverSent = ask(card.mobile, ours + "。").extract().asString();
    assertEquals(neverSent, otherNumber);
  }

  @Test
  void a_mobile_that_is_not_one_is_refused() {
    ask("12345", "【北京人社】您好").statusCode(400);
  }
}
