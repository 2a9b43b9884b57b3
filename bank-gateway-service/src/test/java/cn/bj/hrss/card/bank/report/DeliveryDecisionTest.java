package cn.bj.hrss.card.bank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.report.DeliveryDecision.Applied;
import cn.bj.hrss.card.bank.report.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Refused;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Retry;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.relay.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A report is applied once, whatever answers were lost; a refusal keeps its rule. */
class DeliveryDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static BankReport report(String id, ReportKind kind, String bank) {
    return new BankReport(
        id,
        1,
        bank,
        null,
        "card-1",
        kind.name(),
        "BANK_OUTLET",
        "网点",
        null,
        null,
        null,
        "PENDING",
        2,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Answer card(String bank, boolean financial, String... eventsAndCorrelations) {
    var card = JSON.createObjectNode().put("status", "ACTIVE").put("bankCode", bank);
    card.put("financialFunctionActive", financial);
    var history = card.putArray("history");
    for (int i = 0; i < eventsAndCorrelations.length; i += 2) {
      history
          .addObject()
          .put("sequence", i / 2)
          .put("eventType", eventsAndCorrelations[i])
          .put("correlationId", eventsAndCorrelations[i + 1]);
    }
    return new Answer(200, card);
  }

  private static Answer refusal(int status, String rule) {
    JsonNode body = JSON.createObjectNode().put("rule", rule).put("message", "不能办理。");
    return new Answer(status, body);
  }

  @Test
  void a_resend_after_a_lost_answer_finds_its_report_in_the_history_and_is_not_sent() {
    BankReport report = report("r-1", ReportKind.HANDED_OVER, "ICBC");
    var outcome =
        DeliveryDecision.beforeResend(report, card("ICBC", false, "CardCollected", "r-1"));
    assertInstanceOf(Applied.class, outcome.orElseThrow());
    assertTrue(
        DeliveryDecision.beforeResend(report, card("ICBC", false, "CardDispatched", "x"))
            .isEmpty());
  }

  @Test
  void a_conflict_is_applied_if_ours_a_duplicate_if_the_card_shows_it_else_refused_with_its_rule() {
    ApiError conflict = new ApiError("LIFECYCLE-ORDER", "不能办理。", "no");
    BankReport handover = report("r-2", ReportKind.HANDED_OVER, "ICBC");
    assertInstanceOf(
        CheckCard.class, DeliveryDecision.afterCommand(refusal(409, "LIFECYCLE-ORDER")));
    assertInstanceOf(
        Applied.class,
        DeliveryDecision.afterConflict(
            handover, conflict, card("ICBC", false, "CardCollected", "r-2")));
    assertInstanceOf(
        Duplicate.class,
        DeliveryDecision.afterConflict(
            handover, conflict, card("ICBC", false, "CardCollected", "x")));
    var refused = DeliveryDecision.afterConflict(handover, conflict, card("ICBC", false));
    assertEquals("LIFECYCLE-ORDER", ((Refused) refused).refusal().rule());
  }

  @Test
  void r_bank_6_a_bank_change_already_made_for_this_bank_is_a_duplicate_for_another_refused() {
    ApiError conflict = new ApiError("R-BANK-6", "不能办理。", "no");
    BankReport change = report("r-3", ReportKind.BANK_CHANGED, "CCB");
    assertInstanceOf(
        Duplicate.class, DeliveryDecision.afterConflict(change, conflict, card("CCB", false)));
    assertInstanceOf(
        Refused.class, DeliveryDecision.afterConflict(change, conflict, card("BOC", false)));
  }

  @Test
  void r_pick_3_a_refused_activation_keeps_its_rule_and_message() {
    var check = (CheckCard) DeliveryDecision.afterCommand(refusal(400, "R-PICK-3"));
    BankReport activation = report("r-4", ReportKind.FINANCIAL_ACTIVATED, "ICBC");
    var outcome = DeliveryDecision.afterConflict(activation, check.refusal(), card("ICBC", false));
    assertEquals("R-PICK-3", ((Refused) outcome).refusal().rule());
    assertEquals("不能办理。", ((Refused) outcome).refusal().message());
    assertInstanceOf(Refused.class, DeliveryDecision.afterCommand(refusal(404, "CARD-NOT-FOUND")));
  }

  @Test
  void no_answer_a_server_error_or_a_concurrent_update_is_tried_again_with_a_doubling_pause() {
    assertInstanceOf(Retry.class, DeliveryDecision.afterCommand(refusal(503, "INTERNAL")));
    assertInstanceOf(Retry.class, DeliveryDecision.afterCommand(refusal(409, "CONCURRENT-UPDATE")));
    assertEquals(1000, DeliveryDecision.backoffMs(1, 1000, 30_000));
    assertEquals(4000, DeliveryDecision.backoffMs(3, 1000, 30_000));
    assertEquals(30_000, DeliveryDecision.backoffMs(20, 1000, 30_000));
  }
}
