package cn.bj.hrss.card.production.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.production.rest.InvalidInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What a factory may report, for any line a factory could send. */
class FactoryReportRulesPropertiesTest {

  /** The card number rule of FACTS.md, written out without a regular expression. */
  private static boolean isCardNumber(String value) {
    return value != null
        && value.length() == 9
        && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.strings().withChars("0123456789ABCXYZabc ").ofMinLength(8).ofMaxLength(10),
            Arbitraries.of(
                "PRODUCED",
                "PRODUCTION_FAILED",
                "DISPATCHED",
                "produced",
                "MAIL",
                "OUTLET_PICKUP",
                "DOOR_TO_DOOR"),
            Arbitraries.strings().ofLength(65),
            Arbitraries.strings().ofLength(501))
        .injectNull(0.15);
  }

  @Property
  void a_produced_report_is_accepted_exactly_when_the_card_number_is_9_digits_or_capitals(
      @ForAll("fields") String cardNumber) {
    ReportLine line =
        new ReportLine(null, "card-1", "PRODUCED", cardNumber, null, null, null, null);
    if (isCardNumber(cardNumber)) {
      assertEquals(cardNumber, FactoryReportRules.check(line).cardNumber());
    } else {
      InvalidInput refused = assertThrows(InvalidInput.class, () -> FactoryReportRules.check(line));
      assertEquals("INPUT-CARD-NUMBER", refused.error().rule());
    }
  }

  @Property
  void any_line_is_either_refused_with_a_rule_or_normalised_idempotently(
      @ForAll("fields") String reference,
      @ForAll("fields") String cardId,
      @ForAll("fields") String kind,
      @ForAll("fields") String cardNumber,
      @ForAll("fields") String reason,
      @ForAll("fields") String method,
      @ForAll("fields") String tracking,
      @ForAll("fields") String outlet) {
    ReportLine line =
        new ReportLine(reference, cardId, kind, cardNumber, reason, method, tracking, outlet);
    ReportLine checked;
    try {
      checked = FactoryReportRules.check(line);
    } catch (InvalidInput refused) {
      assertTrue(refused.error().rule().matches("(INPUT|R)-[A-Z0-9-]+"), refused.error().rule());
      assertTrue(!refused.error().message().isBlank());
      return;
    }
    assertEquals(checked, FactoryReportRules.check(checked));
    assertTrue(!cardId.isBlank() && cardId.length() <= 64);
    switch (checked.kind()) {
      case "PRODUCED" -> assertTrue(isCardNumber(checked.cardNumber()) && checked.method() == null);
      case "PRODUCTION_FAILED" ->
          assertTrue(checked.cardNumber() == null && !checked.reason().isBlank());
      case "DISPATCHED" -> {
        assertNull(checked.cardNumber());
        assertTrue(checked.trackingNumber() == null || checked.method().equals("MAIL"));
        assertTrue(checked.outletName() == null || checked.method().equals("OUTLET_PICKUP"));
      }
      default -> throw new AssertionError("unknown kind " + checked.kind());
    }
  }

  @Property
  void a_factory_id_is_accepted_exactly_when_it_is_1_to_64_safe_characters(
      @ForAll("fields") String factoryId) {
    boolean safe =
        factoryId != null
            && !factoryId.isEmpty()
            && factoryId.length() <= 64
            && factoryId
                .chars()
                .allMatch(c -> (c < 128 && Character.isLetterOrDigit(c)) || ".-_".indexOf(c) >= 0);
    if (safe) {
      FactoryReportRules.checkFactory(factoryId);
    } else {
      assertThrows(InvalidInput.class, () -> FactoryReportRules.checkFactory(factoryId));
    }
  }
}
