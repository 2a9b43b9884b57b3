package cn.bj.hrss.card.bank;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
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
  void the_issue_18_golden_events_change_the_banks_card_and_its_pickup_list() {
    String changed = UUID.randomUUID().toString();
    GoldenEvents.publish(changed, CardRequested.class, ApplicationChanged.class);
    String withdrawn = UUID.randomUUID().toString();
    GoldenEvents.publish(withdrawn, CardRequested.class, ApplicationWithdrawn.class);
    // The golden samples' sequences: a new mobile (#1), then the cancellation (#2).
    String cancelled = UUID.randomUUID().toString();
    GoldenEvents.publish(
        cancelled, CardRequested.class, MobileNumberChanged.class, CardCancelled.class);
    String returned = UUID.randomUUID().toString();
    GoldenEvents.publish(
        returned,
        CardRequested.class,
        CardProduced.class,
        CardDispatched.class,
        MailReturned.class,
        PickupPeriodEnding.class,
        UncollectedCardReturned.class);

    awaitStatus(withdrawn, "WITHDRAWN");
    awaitStatus(cancelled, "CANCELLED");
    awaitStatus(returned, "RETURNED_TO_BANK");
    Banks.as("ICBC")
        .get("/banks/ICBC/cards/{id}", changed)
        .then()
        .body("collectionMethod", equalTo("OUTLET_PICKUP"))
        .body("outletName", equalTo("工商银行北京朝阳门支行"));
    Banks.as("ICBC")
        .get("/banks/ICBC/cards/{id}", cancelled)
        .then()
        .body("mobile", equalTo("13912345678"));
    Banks.as("ICBC")
        .queryParam("state", "RETURNED_TO_STORE")
        .queryParam("limit", 500)
        .get("/banks/ICBC/cards/awaiting-pickup")
        .then()
        .statusCode(200)
        .body("cards.find { it.cardId == '" + returned + "' }.waitingSince", equalTo("2025-03-11"))
        .body("cards.find { it.cardId == '" + returned + "' }.pickupEnds", equalTo("2025-06-09"))
        .body("cards.find { it.cardId == '" + returned + "' }.reminded", equalTo(true))
        .body("cards.find { it.cardId == '" + returned + "' }.outletName", equalTo("工商银行北京朝阳门支行"));
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
