package cn.bj.hrss.card.bank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.rest.Refusal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What a bank may report, for any body a bank could send. */
class ReportRulesPropertiesTest {

  /** 17 digits and their ISO 7064 MOD 11-2 check character, computed as the standard states it. */
  @Provide
  Arbitrary<String> idNumbers() {
    return Arbitraries.strings()
        .numeric()
        .ofLength(17)
        .map(
            body -> {
              int sum = 0;
              for (int i = 0; i < 17; i++) {
                sum += (body.charAt(i) - '0') * ((1 << (17 - i)) % 11);
              }
              int check = (12 - sum % 11) % 11;
              return body + (check == 10 ? "X" : String.valueOf(check));
            });
  }

  @Property
  void a_valid_id_number_is_accepted_in_upper_case_whatever_the_case_and_surrounding_spaces(
      @ForAll("idNumbers") String id,
      @ForAll("spaces") String before,
      @ForAll("spaces") String after) {
    assertEquals(id, ReportRules.idNumber(before + id.toLowerCase() + after));
  }

  @Property
  void changing_any_one_digit_or_the_check_character_is_refused(
      @ForAll("idNumbers") String id,
      @ForAll @IntRange(min = 0, max = 17) int position,
      @ForAll @IntRange(min = 1, max = 10) int shift) {
    String alphabet = "0123456789X";
    char[] chars = id.toCharArray();
    int from = alphabet.indexOf(chars[position]);
    char to = alphabet.charAt((from + shift) % 11);
    Assume.that(position == 17 || to != 'X');
    chars[position] = to;
    assertNull(ReportRules.idNumber(new String(chars)), new String(chars));
  }

  @Property
  void whatever_is_sent_an_accepted_id_number_is_18_characters_with_its_check_character(
      @ForAll String value) {
    String id = ReportRules.idNumber(value);
    if (id != null) {
      assertTrue(id.matches("[0-9]{17}[0-9X]"), id);
    }
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.of(
                "BANK_OUTLET",
                "BANK_OUTLET_INSTANT",
                "BANK_DOOR_TO_DOOR",
                "BANK_API",
                "MAIL",
                "DOOR_TO_DOOR",
                " "),
            Arbitraries.strings().ofLength(101),
            Arbitraries.strings().ofLength(201))
        .injectNull(0.2);
  }

  @Property
  void any_report_is_refused_with_a_400_and_a_rule_or_accepted_within_the_kinds_channels(
      @ForAll ReportKind kind,
      @ForAll("fields") String reference,
      @ForAll("fields") String outlet,
      @ForAll("fields") String channel,
      @ForAll("fields") String method) {
    Assume.that(kind != ReportKind.BANK_CHANGED);
    ReportLine line;
    try {
      line =
          ReportRules.check(
              "card-1", kind, new ReportRules.CardReport(reference, outlet, channel, method));
    } catch (Refusal refused) {
      assertEquals(400, refused.status());
      assertTrue(refused.error().rule().matches("(INPUT|R)-[A-Z0-9-]+"), refused.error().rule());
      return;
    }
    assertTrue(kind.channels().contains(line.channel()), line.toString());
    assertTrue(
        line.outletName() == null
            || (!line.outletName().isBlank() && line.outletName().length() <= 200));
    assertTrue(reference == null || (!reference.isBlank() && reference.length() <= 100));
  }

  @Provide
  Arbitrary<String> spaces() {
    return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
  }
}
