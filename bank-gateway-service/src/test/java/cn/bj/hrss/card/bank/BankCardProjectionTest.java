package cn.bj.hrss.card.bank;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.testsupport.GoldenEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The golden events, read from a real Kafka topic into the issuing bank's view. */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class BankCardProjectionTest {

  private static void awaitStatus(String cardId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Banks.as("ICBC")
                    .get("/banks/ICBC/cards/{id}", cardId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status)));
  }

  @Test
  void the_issuing_bank_sees_its_applicant_and_the_card_until_it_is_enabled() {
    String cardId = UUID.randomUUID().toString();

    GoldenEvents.publish(
        cardId,
        CardRequested.class,
        CardProduced.class,
        CardDispatched.class,
        CardCollected.class,
        SocialFunctionEnabled.class);
    awaitStatus(cardId, "ACTIVE");

    Banks.as("ICBC")
        .get("/banks/ICBC/cards/{id}", cardId)
        .then()
        .body("applicantName", equalTo("王小明"))
        .body("idNumber", equalTo("11010519491231002X"))
        .body("mobile", equalTo("13800138000"))
        .body("cardNumber", equalTo("A12345678"))
        .body("outletName", equalTo("工商银行北京朝阳门支行"));
  }

  @Test
  void another_bank_cannot_see_the_card_and_learns_nothing_of_it() {
    String cardId = UUID.randomUUID().toString();
    GoldenEvents.publish(cardId, CardRequested.class);
    awaitStatus(cardId, "REQUESTED");

    String otherBank =
        Banks.as("CCB")
            .get("/banks/CCB/cards/{id}", cardId)
            .then()
            .statusCode(404)
            .extract()
            .asString();
    String noCard =
        Banks.as("CCB")
            .get("/banks/CCB/cards/{id}", UUID.randomUUID().toString())
            .then()
            .statusCode(404)
            .extract()
            .asString();
    org.junit.jupiter.api.Assertions.assertEquals(noCard, otherBank);
  }

  @Test
  void a_redelivered_event_changes_nothing() {
    String cardId = UUID.randomUUID().toString();
    GoldenEvents.publish(cardId, CardRequested.class, CardProduced.class, CardDispatched.class);
    awaitStatus(cardId, "DISPATCHED");

    GoldenEvents.publish(cardId, CardProduced.class);
    String marker = GoldenEvents.cardAfter(cardId);
    GoldenEvents.publish(marker, CardRequested.class);
    awaitStatus(marker, "REQUESTED");

    Banks.as("ICBC")
        .get("/banks/ICBC/cards/{id}", cardId)
        .then()
        .body("status", equalTo("DISPATCHED"));
  }
}
