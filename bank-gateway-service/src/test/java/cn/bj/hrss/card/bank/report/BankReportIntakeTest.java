package cn.bj.hrss.card.bank.report;

import static cn.bj.hrss.card.bank.report.BankReportDeliveryTest.awaitState;
import static cn.bj.hrss.card.bank.report.BankReportDeliveryTest.dispatchedCard;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.FakeApplicationService;
import cn.bj.hrss.card.bank.support.FakeApplicationService.Received;
import cn.bj.hrss.card.bank.support.TestCard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a bank may report, on which cards; and a retiree's new bank taking the card over. */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class BankReportIntakeTest {

  @Test
  void a_report_on_another_banks_card_is_answered_as_for_a_card_that_does_not_exist() {
    TestCard card = dispatchedCard(); // PSBC's
    String body = "{\"outletName\": \"招商银行网点\"}";
    String notTheirs =
        Banks.as("CMB")
            .contentType("application/json")
            .body(body)
            .post("/banks/CMB/cards/{id}/handover", card.id)
            .then()
            .statusCode(404)
            .extract()
            .asString();
    String nowhere =
        Banks.as("CMB")
            .contentType("application/json")
            .body(body)
            .post("/banks/CMB/cards/{id}/handover", "no-such-card")
            .then()
            .statusCode(404)
            .extract()
            .asString();
    assertEquals(nowhere, notTheirs);
  }

  @Test
  void r_pick_3_an_activation_not_in_person_is_refused_before_it_is_stored() {
    TestCard card = dispatchedCard();
    Banks.as("PSBC")
        .contentType("application/json")
        .body("{\"outletName\": \"网点\", \"channel\": \"BANK_API\"}")
        .post("/banks/PSBC/cards/{id}/financial-activation", card.id)
        .then()
        .statusCode(400)
        .body("rule", equalTo("R-PICK-3"));
  }

  @Test
  void r_bank_6_the_new_bank_takes_a_retirees_card_over_by_its_number_and_the_holders_id() {
    TestCard card = TestCard.requestedWith("PSBC").produced().dispatched().collected().publish();
    FakeApplicationService.shared().knowCard(card.id, "PSBC");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> Banks.as("PSBC").get("/banks/PSBC/cards/{id}", card.id).then().statusCode(200));
    String wrongHolder =
        "{\"cardNumber\": \""
            + card.cardNumber
            + "\", \"idNumber\": \"11010519491231002X\", \"outletName\": \"招商银行北京测试支行\"}";
    Banks.as("CMB")
        .contentType("application/json")
        .body(wrongHolder)
        .post("/banks/CMB/bank-changes")
        .then()
        .statusCode(404);
    String reportId =
        Banks.as("CMB")
            .contentType("application/json")
            .body(
                "{\"cardNumber\": \""
                    + card.cardNumber
                    + "\", \"idNumber\": \""
                    + card.idNumber
                    + "\", \"outletName\": \"招商银行北京测试支行\"}")
            .post("/banks/CMB/bank-changes")
            .then()
            .statusCode(202)
            .body("cardId", nullValue()) // still PSBC's card: its id is not CMB's to see
            .extract()
            .path("reportId");
    awaitState("CMB", reportId, "APPLIED");
    Banks.as("CMB").get("/banks/CMB/reports/{r}", reportId).then().body("cardId", equalTo(card.id));
    Received command = FakeApplicationService.shared().requests(card.id).get(0);
    assertEquals("/cards/" + card.id + "/bank-change", command.path());
    assertEquals("CMB", command.headers().get("x-actor-id"));
    assertEquals("CMB", command.body().path("bankCode").asText());
    // R-BANK-6 in person: what the holder presented at the new bank's outlet goes with it.
    assertEquals(card.cardNumber, command.body().path("cardNumber").asText());
    assertEquals(card.idNumber, command.body().path("idNumber").asText());
    assertEquals("招商银行北京测试支行", command.body().path("outletName").asText());
    // The event application-service records moves the card in the banks' views.
    card.movedTo("CMB").publish();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> Banks.as("CMB").get("/banks/CMB/cards/{id}", card.id).then().statusCode(200));
    Banks.as("PSBC").get("/banks/PSBC/cards/{id}", card.id).then().statusCode(404);
  }
}
