package cn.bj.hrss.card.bank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.bank.report.ReportRules.BankChange;
import cn.bj.hrss.card.bank.report.ReportRules.CardReport;
import cn.bj.hrss.card.refusal.Refusal;
import org.junit.jupiter.api.Test;

/** What a report must hold before it is stored, each refusal naming its rule. */
class ReportRulesTest {

  private static String rule(Runnable check) {
    return assertThrows(Refusal.class, check::run).error().rule();
  }

  @Test
  void r_pick_3_the_financial_function_is_activated_in_person_only() {
    assertEquals(
        "R-PICK-3",
        rule(
            () ->
                ReportRules.check(
                    "c",
                    ReportKind.FINANCIAL_ACTIVATED,
                    new CardReport(null, "网点", "BANK_API", null))));
    assertEquals(
        "R-PICK-3",
        rule(
            () ->
                ReportRules.check(
                    "c", ReportKind.FINANCIAL_ACTIVATED, new CardReport(null, null, null, null))));
    // R-PICK-4: door to door too, the outlet whose staff came (application-service checks it).
    assertEquals(
        "R-PICK-3",
        rule(
            () ->
                ReportRules.check(
                    "c",
                    ReportKind.FINANCIAL_ACTIVATED,
                    new CardReport(null, null, "BANK_DOOR_TO_DOOR", null))));
    ReportLine atDoor =
        ReportRules.check(
            "c",
            ReportKind.FINANCIAL_ACTIVATED,
            new CardReport(null, "网点", "BANK_DOOR_TO_DOOR", null));
    assertEquals("BANK_DOOR_TO_DOOR", atDoor.channel());
  }

  @Test
  void r_pick_2_a_hand_over_names_its_outlet_and_comes_through_an_outlet() {
    assertEquals(
        "R-PICK-2",
        rule(
            () ->
                ReportRules.check(
                    "c", ReportKind.HANDED_OVER, new CardReport(null, " ", null, null))));
    assertEquals(
        "INPUT-CHANNEL",
        rule(
            () ->
                ReportRules.check(
                    "c", ReportKind.HANDED_OVER, new CardReport(null, "网点", "BANK_API", null))));
    assertEquals(
        "BANK_OUTLET",
        ReportRules.check("c", ReportKind.HANDED_OVER, new CardReport(null, "网点", null, null))
            .channel());
  }

  @Test
  void r_pick_1_a_delivery_is_by_mail_or_door_to_door_and_its_channel_follows() {
    assertEquals(
        "R-PICK-1",
        rule(
            () ->
                ReportRules.check(
                    "c", ReportKind.DELIVERED, new CardReport(null, null, null, "OUTLET_PICKUP"))));
    assertEquals(
        "BANK_DOOR_TO_DOOR",
        ReportRules.check(
                "c", ReportKind.DELIVERED, new CardReport(null, null, null, "DOOR_TO_DOOR"))
            .channel());
  }

  @Test
  void r_bank_6_a_bank_change_names_the_card_by_its_number_and_its_holders_id() {
    assertEquals(
        "INPUT-CARD-NUMBER",
        rule(
            () ->
                ReportRules.checkBankChange(
                    new BankChange(null, "a1", "11010519491231002X", null, null))));
    assertEquals(
        "INPUT-ID-NUMBER",
        rule(
            () ->
                ReportRules.checkBankChange(
                    new BankChange(null, "A12345678", "110105194912310021", null, null))));
    // R-BANK-6: in person at one of the new bank's outlets, named.
    assertEquals(
        "R-BANK-6",
        rule(
            () ->
                ReportRules.checkBankChange(
                    new BankChange(null, "A12345678", "11010519491231002X", null, null))));
    assertEquals("11010519491231002X", ReportRules.idNumber("11010519491231002x"));
    assertNull(ReportRules.idNumber("11010519491231002"));
  }

  @Test
  void a_reference_is_1_to_100_characters() {
    assertEquals(
        "INPUT-REFERENCE",
        rule(
            () ->
                ReportRules.check(
                    "c",
                    ReportKind.SOCIAL_ENABLED,
                    new CardReport("x".repeat(101), null, null, null))));
  }
}
