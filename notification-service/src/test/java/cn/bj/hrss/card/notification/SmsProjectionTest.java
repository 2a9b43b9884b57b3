package cn.bj.hrss.card.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.infra.GoldenEvents;
import cn.bj.hrss.card.infra.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The golden events, read from a real Kafka topic, give the holder one message each at most. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class SmsProjectionTest {

  private static void awaitMessages(String cardId, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given().get("/notifications/cards/{id}", cardId).then().body("$", hasSize(count)));
  }

  @Test
  void the_holder_hears_of_acceptance_pickup_and_enabling_and_nothing_else() {
    String cardId = UUID.randomUUID().toString();

    GoldenEvents.publish(
        cardId,
        CardRequested.class,
        CardProduced.class,
        CardDispatched.class,
        CardCollected.class,
        SocialFunctionEnabled.class);
    awaitMessages(cardId, 3);

    given()
        .get("/notifications/cards/{id}", cardId)
        .then()
        .body(
            "template",
            equalTo(
                java.util.List.of(
                    "APPLICATION_ACCEPTED", "READY_FOR_PICKUP", "ENABLED_OLD_CARD_INVALID")))
        .body("[1].body", equalTo("【北京人社】您的社会保障卡已制作完成，请本人携带有效身份证件到工商银行北京朝阳门支行领取。"))
        .body("[1].recipientMobile", equalTo("138****8000"))
        .body("[2].eventSequence", equalTo(4));
  }

  @Test
  void a_redelivered_event_gives_no_second_message() {
    String cardId = UUID.randomUUID().toString();
    GoldenEvents.publish(cardId, CardRequested.class, CardProduced.class, CardDispatched.class);
    awaitMessages(cardId, 2);

    GoldenEvents.publish(cardId, CardRequested.class, CardDispatched.class);
    String marker = GoldenEvents.cardAfter(cardId);
    GoldenEvents.publish(marker, CardRequested.class);
    awaitMessages(marker, 1);

    given().get("/notifications/cards/{id}", cardId).then().body("$", hasSize(2));
  }
}
