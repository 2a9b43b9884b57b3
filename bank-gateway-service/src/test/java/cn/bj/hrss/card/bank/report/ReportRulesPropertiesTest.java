package cn.bj.hrss.card.bank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.refusal.Refusal;
import cn.bj.hrss.card.testsupport.GeneratedCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a bank may report, for any body a bank could send: {@link #CASES} generated cases per check
 * (plain JUnit, case {@code i} from {@code new Random(i)}, so a failure is reproduced by its
 * number); where the values are few, all of them.
 */
class ReportRulesPropertiesTest {

  /** Cases generated per check (what jqwik tried by default). */
  private static final int CASES = 1000;

  /** Every string of 0 to 3 spaces and tabs. */
  private static final List<String> SPACES =
      List.of(
          "", " ", "\t", "  ", " \t", "\t ", "\t\t", "   ", "  \t", " \t ", " \t\t", "\t  ",
          "\t \t", "\t\t ", "\t\t\t");

  private static final List<String> KIND_VALUES =
      List.of(
          "BANK_OUTLET",
          "BANK_OUTLET_INSTANT",
          "BANK_DOOR_TO_DOOR",
          "BANK_API",
          "MAIL",
          "DOOR_TO_DOOR",
          " ");

  /**
   * The values of a field worth trying each: null, empty, blank, the channels and methods, and
   * lengths at the limits (100 for a reference, 200 for an outlet) and one past them.
   */
  private static final List<String> BOUNDARY_FIELDS = boundaryFields();

  private static List<String> boundaryFields() {
    List<String> values = new ArrayList<>(Arrays.asList(null, ""));
    values.addAll(KIND_VALUES);
    values.addAll(List.of("x".repeat(100), "中".repeat(101), "x".repeat(200), "x".repeat(201)));
    return values;
  }

  /** Runs the check for every case; a failure or a crash names the case. */
  private static void forEveryCase(Consumer<Random> check) {
    GeneratedCases.forEveryCase(CASES, check);
  }

  /** 17 digits and their ISO 7064 MOD 11-2 check character, computed as the standard states it. */
  static String idNumber(Random random) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      body.append((char) ('0' + random.nextInt(10)));
    }
    return withCheck(body.toString());
  }

  static String withCheck(String body) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * ((1 << (17 - i)) % 11);
    }
    int check = (12 - sum % 11) % 11;
    return body + (check == 10 ? "X" : String.valueOf(check));
  }

  /** The boundaries: all zeros, all nines, and a number with X as check character. */
  private static final List<String> EDGE_IDS =
      List.of(withCheck("0".repeat(17)), withCheck("9".repeat(17)), "11010519491231002X");

  /**
   * Any string, as jqwik's default was: up to 255 characters of the whole BMP (controls, blanks,
   * halves of surrogate pairs included), mostly short, empty now and then.
   */
  static String anyString(Random random, int maxLength) {
    int length = random.nextInt(4) == 0 ? random.nextInt(maxLength + 1) : random.nextInt(13);
    StringBuilder out = new StringBuilder();
    for (int i = Math.min(length, maxLength); i > 0; i--) {
      out.append(
          switch (random.nextInt(4)) {
            case 0 -> (char) (0x20 + random.nextInt(0x5F));
            case 1 -> " \t\n\r\u0000\u3000\u00A0\u200B".charAt(random.nextInt(8));
            case 2 -> (char) ('0' + random.nextInt(10));
            default -> (char) random.nextInt(0x10000);
          });
    }
    return out.toString();
  }

  /** A field as a bank could send it: any short string, a known value, or one too long; or null. */
  static String field(Random random) {
    if (random.nextInt(5) == 0) {
      return null;
    }
    return switch (random.nextInt(4)) {
      case 0 -> anyString(random, 12);
      case 1 -> KIND_VALUES.get(random.nextInt(KIND_VALUES.size()));
      case 2 -> exactly(random, 101);
      default -> exactly(random, 201);
    };
  }

  private static String exactly(Random random, int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      out.append(anyString(random, length - out.length()));
    }
    return out.toString();
  }

  @Test
  void a_valid_id_number_is_accepted_in_upper_case_whatever_the_case_and_surrounding_spaces() {
    // every 0 to 3 spaces and tabs before and after
    forEveryCase(random -> acceptedWithEverySpacing(idNumber(random)));
  }

  @Test
  void changing_any_one_digit_or_the_check_character_is_refused() {
    forEveryCase(random -> everyOneCharacterChangeRefused(idNumber(random)));
  }

  @Test
  void whatever_is_sent_an_accepted_id_number_is_18_characters_with_its_check_character() {
    forEveryCase(
        random ->
            acceptedIsWellFormed(
                random.nextBoolean() ? anyString(random, 255) : almostAnId(random)));
  }

  @Test
  void any_report_is_refused_with_a_400_and_a_rule_or_accepted_within_the_kinds_channels() {
    List<ReportKind> kinds =
        Arrays.stream(ReportKind.values()).filter(k -> k != ReportKind.BANK_CHANGED).toList();
    Map<ReportKind, Integer> accepted = new EnumMap<>(ReportKind.class);
    forEveryCase(
        random -> {
          ReportKind kind = kinds.get(random.nextInt(kinds.size()));
          ReportRules.CardReport report =
              new ReportRules.CardReport(
                  field(random), field(random), field(random), field(random));
          if (refusedOrWithinTheKindsChannels(kind, report)) {
            accepted.merge(kind, 1, Integer::sum);
          }
        });
    // a generator that never made an acceptable report of a kind would leave that kind unchecked
    for (ReportKind kind : kinds) {
      assertTrue(accepted.getOrDefault(kind, 0) >= 5, kind + " too rare: " + accepted);
    }
  }

  /**
   * The boundaries jqwik tried first (empty, one character, the ends of each range), all of them.
   */
  @Test
  void the_boundary_values_are_answered_like_any_other() {
    EDGE_IDS.forEach(ReportRulesPropertiesTest::acceptedWithEverySpacing);
    EDGE_IDS.forEach(ReportRulesPropertiesTest::everyOneCharacterChangeRefused);
    for (String value : List.of("", " ", "\u0000", "\uFFFF", "x", "X", "11010519491231002x ")) {
      acceptedIsWellFormed(value);
    }
    // every kind with every combination of the boundary values in its four fields
    for (ReportKind kind : ReportKind.values()) {
      if (kind == ReportKind.BANK_CHANGED) {
        continue;
      }
      for (String reference : BOUNDARY_FIELDS) {
        for (String outlet : BOUNDARY_FIELDS) {
          for (String channel : BOUNDARY_FIELDS) {
            for (String method : BOUNDARY_FIELDS) {
              refusedOrWithinTheKindsChannels(
                  kind, new ReportRules.CardReport(reference, outlet, channel, method));
            }
          }
        }
      }
    }
  }

  // ---- the checks --------------------------------------------------------------------------

  private static void acceptedWithEverySpacing(String id) {
    for (String before : SPACES) {
      for (String after : SPACES) {
        String sent = before + id.toLowerCase() + after;
        assertEquals(id, ReportRules.idNumber(sent), sent);
      }
    }
  }

  /** Every position 0 to 17 and every shift 1 to 10 in the alphabet 0-9X (X only as check). */
  private static void everyOneCharacterChangeRefused(String id) {
    String alphabet = "0123456789X";
    for (int position = 0; position <= 17; position++) {
      for (int shift = 1; shift <= 10; shift++) {
        char[] chars = id.toCharArray();
        char to = alphabet.charAt((alphabet.indexOf(chars[position]) + shift) % 11);
        if (position == 17 || to != 'X') {
          chars[position] = to;
          assertNull(ReportRules.idNumber(new String(chars)), new String(chars));
        }
      }
    }
  }

  private static void acceptedIsWellFormed(String value) {
    String id = ReportRules.idNumber(value);
    if (id != null) {
      assertTrue(id.matches("[0-9]{17}[0-9X]"), id);
    }
  }

  /** A valid number in any case, with blanks around it, one character changed or one missing. */
  private static String almostAnId(Random random) {
    StringBuilder id = new StringBuilder(idNumber(random).toLowerCase());
    int at = random.nextInt(18);
    switch (random.nextInt(4)) {
      case 0 -> id.setCharAt(at, "0123456789Xx \u0000\uFF10中".charAt(random.nextInt(16)));
      case 1 -> id.deleteCharAt(at);
      case 2 -> id.insert(0, " \t\u3000\u00A0\n".charAt(random.nextInt(5)));
      default -> id.append(" \t\u3000\u00A0\n".charAt(random.nextInt(5)));
    }
    return id.toString();
  }

  /** Checks the report; returns whether it was accepted. */
  private static boolean refusedOrWithinTheKindsChannels(
      ReportKind kind, ReportRules.CardReport report) {
    ReportLine line;
    try {
      line = ReportRules.check("card-1", kind, report);
    } catch (Refusal refused) {
      assertEquals(400, refused.status());
      assertTrue(refused.error().rule().matches("(INPUT|R)-[A-Z0-9-]+"), refused.error().rule());
      return false;
    }
    String reference = report.reference();
    assertTrue(kind.channels().contains(line.channel()), line.toString());
    assertTrue(
        line.outletName() == null
            || (!line.outletName().isBlank() && line.outletName().length() <= 200),
        line.toString());
    assertTrue(
        reference == null || (!reference.isBlank() && reference.length() <= 100), line.toString());
    return true;
  }
}
