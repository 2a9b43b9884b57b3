package cn.bj.hrss.card.notification.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Who hears about a card, and how their number and address are shown, for any input: generated
 * cases (plain JUnit, case {@code i} from {@code caseRandom(i)}, so a failure is reproduced by its
 * number).
 */
class RecipientsPropertiesTest {

  /** Cases generated per check (what jqwik tried by default). */
  private static final int CASES = 1000;

  private static final List<String> PREFIXES = List.of("", "+86", "0086", "+86 ", "0086-");
  private static final List<String> SEPARATORS = List.of("", " ", "-", "  ", "\t");

  /** Runs the check for every case; the failure names the case. */
  private static void forEveryCase(IntConsumer check) {
    for (int seed = 0; seed < CASES; seed++) {
      try {
        check.accept(seed);
      } catch (AssertionError e) {
        throw new AssertionError("case " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  static String mobile(Random random) {
    StringBuilder mobile = new StringBuilder("1").append(3 + random.nextInt(7));
    for (int i = 0; i < 9; i++) {
      mobile.append(random.nextInt(10));
    }
    return mobile.toString();
  }

  /** Any string: ASCII, CJK, emoji (surrogate pairs), any other character of the BMP, empty. */
  static String anyString(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(30); i > 0; i--) {
      int cp =
          switch (random.nextInt(5)) {
            case 0 -> 0x20 + random.nextInt(0x5F);
            case 1 -> 0x4E00 + random.nextInt(0x5000);
            case 2 -> 0x1F300 + random.nextInt(0x300);
            case 3 -> 0xFF01 + random.nextInt(0x5E);
            default -> random.nextInt(0xD800); // below the surrogates: no half pair in the input
          };
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  @Test
  void a_mainland_mobile_written_with_a_prefix_spaces_or_hyphens_is_its_11_digits() {
    forEveryCase(
        seed -> {
          Random random = caseRandom(seed);
          String mobile = mobile(random);
          String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
          String separator = SEPARATORS.get(random.nextInt(SEPARATORS.size()));
          String written =
              prefix
                  + mobile.substring(0, 3)
                  + separator
                  + mobile.substring(3, 7)
                  + separator
                  + mobile.substring(7);
          assertEquals(Optional.of(mobile), Recipients.mobile(written), written);
        });
  }

  @Test
  void whatever_is_written_the_answer_is_empty_or_a_mainland_mobile() {
    forEveryCase(
        seed -> {
          String value = anyString(caseRandom(seed));
          Recipients.mobile(value).ifPresent(m -> assertTrue(m.matches("1[3-9][0-9]{9}"), m));
        });
  }

  @Test
  void a_mobile_one_digit_short_or_long_is_no_recipient() {
    forEveryCase(
        seed -> {
          String mobile = mobile(caseRandom(seed));
          assertEquals(Optional.empty(), Recipients.mobile(mobile.substring(1)));
          assertEquals(Optional.empty(), Recipients.mobile(mobile + "8"));
        });
  }

  @Test
  void a_masked_mobile_shows_at_most_3_plus_4_characters_and_hides_at_least_4() {
    forEveryCase(
        seed -> {
          Random random = caseRandom(seed);
          String value = seed % 2 == 0 ? anyString(random) : mobile(random);
          String masked = Masking.mobile(value);
          int length = value.codePointCount(0, value.length());
          int shown = (int) masked.codePoints().filter(cp -> cp != '*').count();
          assertTrue(masked.contains("****"));
          assertTrue(shown <= 7 && shown <= Math.max(0, length - 4), masked);
          masked
              .codePoints()
              .forEach(
                  cp ->
                      assertTrue(cp > 0xFFFF || !Character.isSurrogate((char) cp), "half a pair"));
        });
  }

  @Test
  void a_masked_address_shows_at_most_half_of_it_and_never_more_than_6_characters() {
    forEveryCase(
        seed -> {
          Random random = caseRandom(seed);
          String value =
              Stream.of(anyString(random), " ", "", "北京市海淀区中关村大街" + seed + "号")
                  .skip(seed % 4)
                  .findFirst()
                  .orElseThrow();
          String masked = Masking.address(value);
          if (value.isBlank()) {
            assertEquals(null, masked);
            return;
          }
          String shown = masked.substring(0, masked.length() - 4);
          assertTrue(value.startsWith(shown) && masked.endsWith("****"), masked);
          int count = shown.codePointCount(0, shown.length());
          assertTrue(count <= 6 && count <= value.codePointCount(0, value.length()) / 2, masked);
        });
  }

  /**
   * Case {@code seed}'s generator. The first value of {@code new Random(seed)} barely changes for
   * small seeds (its first {@code nextBoolean()} is true for every seed below 1000), so it is drawn
   * and discarded: each case still comes from its number alone.
   */
  static Random caseRandom(long seed) {
    Random random = new Random(seed);
    random.nextLong();
    return random;
  }
}
