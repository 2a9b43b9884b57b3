package cn.bj.hrss.card.bank.report;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.FakeApplicationService;
import cn.bj.hrss.card.bank.support.FakeApplicationService.Received;
import cn.bj.hrss.card.bank.support.TestCard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each report becomes its application-service command, durable and retried; a refusal comes back to
 * the bank with its rule. Against the fake application-service of this module's tests.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class BankReportDeliveryTest {

  private static final String BANK = "PSBC";
  private static final FakeApplicationService APPLICATION = FakeApplicationService.shared();

  static TestCard dispatchedCard() {
    TestCard card = TestCard.requestedWith(BANK).produced().dispatched().publish();
    APPLICATION.knowCard(card.id, BANK);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Banks.as(BANK).get("/banks/{b}/cards/{id}", BANK, card.id).then().statusCode(200));
    return card;
  }

  static String report(String bank, String cardId, String kind, String body, int status) {
    return Banks.as(bank)
        .contentType("application/json")
        .body(body)
        .post("/banks/{b}/cards/{id}/" + kind, bank, cardId)
        .then()
        .statusCode(status)
        .extract()
        .path("reportId");
  }

  static void awaitState(String bank, String reportId, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Banks.as(bank)
                    .get("/banks/{b}/reports/{r}", bank, reportId)
                    .then()
                    .body("state", equalTo(state)));
  }

  @Test
  void a_handover_becomes_the_collection_command_sent_as_the_bank_with_the_report_as_correlation() {
    TestCard card = dispatchedCard();
    String body = "{\"outletName\": \"邮储银行北京西城支行\", \"reference\": \"h-" + card.id + "\"}";
    String reportId = report(BANK, card.id, "handover", body, 202);
    awaitState(BANK, reportId, "APPLIED");
    Received command = APPLICATION.requests(card.id).get(0);
    assertEquals("/cards/" + card.id + "/collection", command.path());
    assertEquals("BANK", command.headers().get("x-actor-role"));
    assertEquals(BANK, command.headers().get("x-actor-id"));
    assertEquals("BANK_OUTLET", command.headers().get("x-channel"));
    assertEquals(reportId, command.headers().get("x-correlation-id"));
    assertEquals("邮储银行北京西城支行", command.body().path("outletName").asText());
    // The same reference again: the same report, nothing new; with other facts: refused.
    assertEquals(reportId, report(BANK, card.id, "handover", body, 200));
    Banks.as(BANK)
        .contentType("application/json")
        .body(body.replace("西城", "东城"))
        .post("/banks/{b}/cards/{id}/handover", BANK, card.id)
        .then()
        .statusCode(409)
        .body("rule", equalTo("REPORT-REFERENCE"));
  }

  @Test
  void r_pick_3_a_refused_activation_comes_back_with_its_rule_and_message_only() {
    TestCard card = dispatchedCard();
    APPLICATION.refuse(
        card.id, 409, "R-PICK-3", "金融功能只能在发卡银行的网点激活。", "activation by PSBC, but the issuer is BOC");
    String reportId =
        report(BANK, card.id, "financial-activation", "{\"outletName\": \"邮储银行网点\"}", 202);
    awaitState(BANK, reportId, "REFUSED");
    Banks.as(BANK)
        .get("/banks/{b}/reports/{r}", BANK, reportId)
        .then()
        .body("rule", equalTo("R-PICK-3"))
        .body("message", equalTo("金融功能只能在发卡银行的网点激活。"))
        .body(not(containsString("BOC")));
    Banks.asOperator()
        .get("/bank-reports/{r}", reportId)
        .then()
        .body("outcomeDetail", containsString("BOC"));
  }

  @Test
  void a_report_whose_answer_was_lost_is_applied_once_found_in_the_cards_history() {
    TestCard card = dispatchedCard();
    APPLICATION.dropAnswers(card.id, 1);
    String reportId = report(BANK, card.id, "social-function", "{}", 202);
    awaitState(BANK, reportId, "APPLIED");
    assertEquals(1, APPLICATION.eventsCorrelatedWith(card.id, reportId));
    List<Received> commands =
        APPLICATION.requests(card.id).stream().filter(r -> r.method().equals("POST")).toList();
    assertEquals(1, commands.size());
  }

  @Test
  void reports_wait_while_application_service_is_down_and_are_applied_when_it_is_back() {
    TestCard card = dispatchedCard();
    APPLICATION.setUnavailable(true);
    try {
      String reportId = report(BANK, card.id, "delivery", "{\"method\": \"DOOR_TO_DOOR\"}", 202);
      await()
          .pollDelay(Duration.ofSeconds(1))
          .until(() -> APPLICATION.requests(card.id).size() > 0);
      awaitState(BANK, reportId, "PENDING");
      APPLICATION.setUnavailable(false);
      awaitState(BANK, reportId, "APPLIED");
      assertEquals(1, APPLICATION.eventsCorrelatedWith(card.id, reportId));
      assertEquals(
          "BANK_DOOR_TO_DOOR", APPLICATION.requests(card.id).get(0).headers().get("x-channel"));
    } finally {
      APPLICATION.setUnavailable(false);
    }
  }
}
