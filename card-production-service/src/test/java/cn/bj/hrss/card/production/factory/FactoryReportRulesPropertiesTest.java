package cn.bj.hrss.card.production.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.refusal.Refusal;
import cn.bj.hrss.card.testsupport.GeneratedCases;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a factory may report, for any line a factory could send: {@link #CASES} generated cases per
 * check (plain JUnit, case {@code i} from {@code new Random(i)}, so a failure is reproduced by its
 * number); every one-character factory id; the boundaries as examples.
 */
class FactoryReportRulesPropertiesTest {

  /** Cases generated per check (what jqwik tried by default). */
  private static final int CASES = 1000;

  private static final List<String> KNOWN_VALUES =
      List.of(
          "PRODUCED",
          "PRODUCTION_FAILED",
          "DISPATCHED",
          "produced",
          "MAIL",
          "OUTLET_PICKUP",
          "DOOR_TO_DOOR");

  /** The card number rule of FACTS.md, written out without a regular expression. */
  private static boolean isCardNumber(String value) {
    return value != null
        && value.length() == 9
        && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
  }

  /** Runs the check for every case; a failure or a crash names the case. */
  private static void forEveryCase(Consumer<Random> check) {
    GeneratedCases.forEveryCase(CASES, check);
  }

  /**
   * A field as a factory could send it: any short string, 8 to 10 characters that look like a card
   * number, a kind or method, 9 digits or capitals, a string one past a limit (64, 500); or null.
   */
  static String field(Random random) {
    if (random.nextInt(100) < 15) {
      return null;
    }
    return switch (random.nextInt(6)) {
      case 0 -> anyString(random, random.nextInt(13));
      case 1 -> from(random, "0123456789ABCXYZabc ", 8 + random.nextInt(3));
      case 2 -> KNOWN_VALUES.get(random.nextInt(KNOWN_VALUES.size()));
      case 3 -> from(random, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 9);
      case 4 -> anyString(random, 65);
      default -> anyString(random, 501);
    };
  }

  /** Any {@code length} characters of the BMP (controls, blanks, halves of pairs included). */
  static String anyString(Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(
          switch (random.nextInt(4)) {
            case 0 -> (char) (0x20 + random.nextInt(0x5F));
            case 1 -> " \t\n\r\u0000\u3000\u00A0\u200B".charAt(random.nextInt(8));
            case 2 -> (char) (0x4E00 + random.nextInt(0x5200));
            default -> (char) random.nextInt(0x10000);
          });
    }
    return out.toString();
  }

  /** Half the time any field, half the time {@code fitting}. */
  private static String fieldOr(Random random, String fitting) {
    return random.nextBoolean() ? field(random) : fitting;
  }

  private static String from(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  @Test
  void a_produced_report_is_accepted_exactly_when_the_card_number_is_9_digits_or_capitals() {
    forEveryCase(random -> producedAcceptedExactlyForACardNumber(field(random)));
  }

  @Test
  void any_line_is_either_refused_with_a_rule_or_normalised_idempotently() {
    // each field is half the time any field and half the time one that fits it, so that lines of
    // every kind and method are accepted too, not only refused
    Map<String, Integer> outcomes = new TreeMap<>();
    forEveryCase(
        random -> {
          ReportLine line =
              new ReportLine(
                  fieldOr(random, "R-" + random.nextInt(1000)),
                  fieldOr(random, "card-" + random.nextInt(1000)),
                  fieldOr(random, KNOWN_VALUES.get(random.nextInt(3))),
                  fieldOr(random, from(random, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 9)),
                  fieldOr(random, "芯片写入失败"),
                  fieldOr(random, KNOWN_VALUES.get(4 + random.nextInt(3))),
                  fieldOr(random, "SF" + (100_000_000_000L + random.nextInt(1_000_000))),
                  fieldOr(random, "工商银行北京朝阳门支行"));
          outcomes.merge(refusedOrNormalised(line), 1, Integer::sum);
        });
    // a generator that never made an acceptable line of a kind would leave that kind unchecked
    for (String accepted :
        List.of(
            "PRODUCED",
            "PRODUCTION_FAILED",
            "DISPATCHED MAIL",
            "DISPATCHED OUTLET_PICKUP",
            "DISPATCHED DOOR_TO_DOOR")) {
      assertTrue(outcomes.getOrDefault(accepted, 0) >= 5, accepted + " too rare: " + outcomes);
    }
  }

  @Test
  void a_factory_id_is_accepted_exactly_when_it_is_1_to_64_safe_characters() {
    forEveryCase(random -> factoryIdAcceptedExactlyWhenSafe(field(random)));
  }

  @Test
  void every_one_character_factory_id_is_accepted_exactly_when_it_is_safe() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      factoryIdAcceptedExactlyWhenSafe(String.valueOf((char) c));
    }
  }

  /** The boundaries jqwik tried first (null, empty, one character, the ends of each range). */
  @Test
  void the_boundary_values_are_answered_like_any_other() {
    for (String cardNumber :
        Arrays.asList(
            null,
            "",
            " ",
            "000000000",
            "ZZZZZZZZZ",
            "ABCXYZ012",
            "12345678",
            "1234567890",
            "12345678a",
            "1234 5678",
            " 123456789",
            "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF19")) {
      producedAcceptedExactlyForACardNumber(cardNumber);
    }
    for (String factoryId :
        Arrays.asList(
            null,
            "",
            " ",
            ".",
            "-",
            "_",
            "a",
            "x".repeat(64),
            "x".repeat(65),
            "A.b-c_9",
            "a b",
            "é",
            "中",
            "a\n")) {
      factoryIdAcceptedExactlyWhenSafe(factoryId);
    }
    String[] limits = {"x".repeat(64), "x".repeat(65), "x".repeat(100), "x".repeat(101)};
    for (String kind : KNOWN_VALUES.subList(0, 3)) {
      for (String text : Arrays.asList(null, "", " ", limits[0], limits[1], limits[2], limits[3])) {
        for (String method : Arrays.asList(null, "MAIL", "OUTLET_PICKUP", "DOOR_TO_DOOR", "mail")) {
          refusedOrNormalised(
              new ReportLine(text, "card-1", kind, "123456789", "x", method, text, text));
          refusedOrNormalised(new ReportLine(null, text, kind, text, text, method, "1", "网点"));
          refusedOrNormalised(
              new ReportLine(null, "card-1", kind, null, "x".repeat(500), method, null, null));
          refusedOrNormalised(
              new ReportLine(null, "card-1", kind, null, "x".repeat(501), method, null, null));
          refusedOrNormalised(
              new ReportLine(null, "c", kind, null, "x", method, null, "x".repeat(200)));
          refusedOrNormalised(
              new ReportLine(null, "c", kind, null, "x", method, null, "x".repeat(201)));
        }
      }
    }
  }

  // ---- the checks --------------------------------------------------------------------------

  private static void producedAcceptedExactlyForACardNumber(String cardNumber) {
    ReportLine line =
        new ReportLine(null, "card-1", "PRODUCED", cardNumber, null, null, null, null);
    if (isCardNumber(cardNumber)) {
      assertEquals(cardNumber, FactoryReportRules.check(line).cardNumber());
    } else {
      Refusal refused =
          assertThrows(Refusal.class, () -> FactoryReportRules.check(line), cardNumber);
      assertEquals("INPUT-CARD-NUMBER", refused.error().rule());
    }
  }

  /** Checks the line; returns its kind (and method) if accepted, or the rule it was refused by. */
  private static String refusedOrNormalised(ReportLine line) {
    ReportLine checked;
    try {
      checked = FactoryReportRules.check(line);
    } catch (Refusal refused) {
      assertTrue(refused.error().rule().matches("(INPUT|R)-[A-Z0-9-]+"), refused.error().rule());
      assertTrue(!refused.error().message().isBlank());
      return refused.error().rule();
    }
    assertEquals(checked, FactoryReportRules.check(checked));
    String cardId = line.cardId();
    assertTrue(!cardId.isBlank() && cardId.length() <= 64, checked.toString());
    switch (checked.kind()) {
      case "PRODUCED" ->
          assertTrue(
              isCardNumber(checked.cardNumber()) && checked.method() == null, checked.toString());
      case "PRODUCTION_FAILED" ->
          assertTrue(
              checked.cardNumber() == null && !checked.reason().isBlank(), checked.toString());
      case "DISPATCHED" -> {
        assertNull(checked.cardNumber());
        assertTrue(
            checked.trackingNumber() == null || checked.method().equals("MAIL"),
            checked.toString());
        assertTrue(
            checked.outletName() == null || checked.method().equals("OUTLET_PICKUP"),
            checked.toString());
        return "DISPATCHED " + checked.method();
      }
      default -> throw new AssertionError("unknown kind " + checked.kind());
    }
    return checked.kind();
  }

  private static void factoryIdAcceptedExactlyWhenSafe(String factoryId) {
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
      assertThrows(Refusal.class, () -> FactoryReportRules.checkFactory(factoryId), factoryId);
    }
  }
}
