package cn.bj.hrss.card.production.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.refusal.Refusal;
import org.junit.jupiter.api.Test;

/** What a factory report must hold before it is stored. */
class FactoryReportRulesTest {

  private static String ruleOf(ReportLine line) {
    return assertThrows(Refusal.class, () -> FactoryReportRules.check(line)).error().rule();
  }

  private static ReportLine produced(String number) {
    return new ReportLine(null, "card-1", "PRODUCED", number, null, null, null, null);
  }

  private static ReportLine dispatched(String method, String tracking, String outlet) {
    return new ReportLine(null, "card-1", "DISPATCHED", null, null, method, tracking, outlet);
  }

  @Test
  void a_card_number_is_nine_digits_or_capital_letters() {
    assertEquals("A12345678", FactoryReportRules.check(produced("A12345678")).cardNumber());
    assertEquals("INPUT-CARD-NUMBER", ruleOf(produced("A1234567")));
    assertEquals("INPUT-CARD-NUMBER", ruleOf(produced("a12345678")));
    assertEquals("INPUT-CARD-NUMBER", ruleOf(produced("A123456789")));
    assertEquals("INPUT-CARD-NUMBER", ruleOf(produced(null)));
  }

  @Test
  void a_failure_needs_its_reason() {
    assertEquals(
        "INPUT-MISSING",
        ruleOf(new ReportLine(null, "card-1", "PRODUCTION_FAILED", null, " ", null, null, null)));
  }

  @Test
  void R_PICK_3_mail_dispatch_needs_a_tracking_number() {
    assertEquals("R-PICK-3", ruleOf(dispatched("MAIL", null, null)));
  }

  @Test
  void R_PICK_3_a_tracking_number_is_a_carriers_code_never_free_text() {
    for (String text :
        new String[] {"EMS123", "EMS1234567890", "请致电01012345678取件", "0101234567890", " "}) {
      assertEquals("R-PICK-3", ruleOf(dispatched("MAIL", text, null)), text);
    }
    for (String number : new String[] {"EA123456785CN", "1180123456789", "SF1234567890123"}) {
      assertEquals(
          number, FactoryReportRules.check(dispatched("MAIL", number, null)).trackingNumber());
    }
  }

  @Test
  void R_PICK_2_outlet_dispatch_needs_the_outlet() {
    assertEquals("R-PICK-2", ruleOf(dispatched("OUTLET_PICKUP", "EMS1", null)));
  }

  @Test
  void R_PICK_1_dispatch_names_a_collection_method() {
    assertEquals("R-PICK-1", ruleOf(dispatched("DRONE", null, null)));
  }

  @Test
  void a_dispatch_keeps_only_the_fields_of_its_method() {
    ReportLine mail = FactoryReportRules.check(dispatched("MAIL", "SF123456789012", "某网点"));
    assertEquals("SF123456789012", mail.trackingNumber());
    assertNull(mail.outletName());
    ReportLine door = FactoryReportRules.check(dispatched("DOOR_TO_DOOR", "EMS123", "某网点"));
    assertNull(door.trackingNumber());
    assertNull(door.outletName());
  }

  @Test
  void a_report_names_its_card_and_a_known_kind() {
    assertEquals(
        "INPUT-CARD-ID",
        ruleOf(new ReportLine(null, " ", "PRODUCED", "A12345678", null, null, null, null)));
    assertEquals(
        "INPUT-KIND", ruleOf(new ReportLine(null, "card-1", "LOST", null, null, null, null, null)));
  }

  @Test
  void a_factory_id_is_letters_digits_and_dashes() {
    FactoryReportRules.checkFactory("ICBC-card-bureau");
    assertEquals(
        "INPUT-FACTORY",
        assertThrows(Refusal.class, () -> FactoryReportRules.checkFactory("a b")).error().rule());
  }
}
