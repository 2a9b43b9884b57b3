package cn.bj.hrss.card.bank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.relay.Answer;
import cn.bj.hrss.card.relay.DeliveryDecision;
import cn.bj.hrss.card.relay.DeliveryDecision.Applied;
import cn.bj.hrss.card.relay.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.relay.DeliveryDecision.Outcome;
import cn.bj.hrss.card.relay.DeliveryDecision.Refused;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The banks' reports in command-relay's one delivery (ADR 25): when the card already shows a
 * report's fact, kind by kind. What answers mean is command-relay's DeliveryDecisionTest; the
 * commands on the wire, BankReportDeliveryTest and BankReportIntakeTest.
 */
class BankReportPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BankReportPolicy POLICY = new BankReportPolicy(null);

  /** A pending report of the bank at an outlet, sent once before. */
  private static BankReport report(String id, ReportKind kind, String bank) throws Exception {
    return JSON.readValue(
        """
        {"reportId": "%s", "bankCode": "%s", "cardId": "card-1", "kind": "%s",
         "channel": "BANK_OUTLET", "outletName": "网点", "state": "PENDING", "attempts": 2}
        """
            .formatted(id, bank, kind.name()),
        BankReport.class);
  }

  /** The card with this bank, its financial function, and one event of the given correlation. */
  private static Answer card(String bank, boolean financial, String event, String correlation)
      throws Exception {
    return new Answer(
        200,
        JSON.readTree(
            """
            {"status": "ACTIVE", "bankCode": "%s", "financialFunctionActive": %s,
             "history": [{"sequence": 0, "eventType": "%s", "correlationId": "%s"}]}
            """
                .formatted(bank, financial, event, correlation)));
  }

  private static Outcome afterRefusal(BankReport report, Refused refusal, Answer card) {
    return DeliveryDecision.afterRefusal(POLICY, report, refusal, card);
  }

  @Test
  void a_conflict_is_applied_if_ours_a_duplicate_if_the_card_shows_it_else_refused_with_its_rule()
      throws Exception {
    Refused conflict = new Refused("LIFECYCLE-ORDER", "不能办理。", "no");
    BankReport handover = report("r-2", ReportKind.HANDED_OVER, "ICBC");
    Answer collectedByThis = card("ICBC", false, "CardCollected", "r-2");
    assertInstanceOf(Applied.class, afterRefusal(handover, conflict, collectedByThis));
    Answer collectedByAnother = card("ICBC", false, "CardCollected", "x");
    assertInstanceOf(Duplicate.class, afterRefusal(handover, conflict, collectedByAnother));
    Answer dispatched = card("ICBC", false, "CardDispatched", "x");
    assertEquals(conflict, afterRefusal(handover, conflict, dispatched));
  }

  @Test
  void r_bank_6_a_bank_change_already_made_for_this_bank_is_a_duplicate_for_another_refused()
      throws Exception {
    // application-service answers a bank change to the card's own bank 400 R-BANK-6
    Refused sameBank = new Refused("R-BANK-6", "所选银行即当前发卡银行。", "already with this bank");
    BankReport change = report("r-3", ReportKind.BANK_CHANGED, "CCB");
    Answer withCcb = card("CCB", false, "IssuingBankChanged", "x");
    assertInstanceOf(Duplicate.class, afterRefusal(change, sameBank, withCcb));
    Answer withBoc = card("BOC", false, "CardDelivered", "x");
    assertEquals(sameBank, afterRefusal(change, sameBank, withBoc));
  }

  @Test
  void r_pick_3_an_activation_is_a_duplicate_only_on_this_banks_card_with_the_function_active()
      throws Exception {
    Refused active = new Refused("R-PICK-3", "该卡金融功能已激活。", "already active");
    BankReport activation = report("r-4", ReportKind.FINANCIAL_ACTIVATED, "ICBC");
    String event = "FinancialFunctionActivated";
    assertInstanceOf(
        Duplicate.class, afterRefusal(activation, active, card("ICBC", true, event, "x")));
    assertEquals(active, afterRefusal(activation, active, card("BOC", true, event, "x")));
    assertEquals(
        active, afterRefusal(activation, active, card("ICBC", false, "CardDelivered", "x")));
  }

  @Test
  void each_report_is_sent_as_the_bank_through_its_channel_with_the_report_as_correlation()
      throws Exception {
    BankReport handover = report("r-5", ReportKind.HANDED_OVER, "ICBC");
    assertEquals("collection", POLICY.commandPath(handover));
    assertEquals("CardCollected", POLICY.eventType(handover));
    assertEquals("{\"outletName\":\"网点\"}", POLICY.body(handover).toString());
    assertEquals("BANK", POLICY.caller(handover).role());
    assertEquals("ICBC", POLICY.caller(handover).actorId());
    assertEquals("BANK_OUTLET", POLICY.caller(handover).channel());
    assertEquals("r-5", POLICY.caller(handover).correlationId());
    assertTrue(
        POLICY.body(report("r-6", ReportKind.SOCIAL_ENABLED, "ICBC")).isEmpty(),
        "enabling has no body");
  }
}
