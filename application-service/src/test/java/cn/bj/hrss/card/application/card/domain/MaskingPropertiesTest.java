package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the input (null, short, long, any Unicode), a masked value shows at most the allowed
 * leading and trailing characters of the input, hides at least the allowed share of it, and is
 * well-formed text (no half of a surrogate pair): {@link Cases#COUNT} generated texts per check
 * (case {@code i} from {@code new Random(i)}), and every length from 0 to 40 in digits, Han and
 * supplementary characters.
 */
class MaskingPropertiesTest {

  /** The longest generated text, in code points. */
  private static final int MAX_LENGTH = 40;

  /**
   * Any text without '*' (so that what is shown can be told from what is hidden), up to {@link
   * #MAX_LENGTH} code points: half digits, Han characters, any other code point (a supplementary
   * one as a whole pair); null now and then.
   */
  static String anyText(Random random) {
    if (random.nextInt(50) == 0) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(MAX_LENGTH + 1); i > 0; i--) {
      int choice = random.nextInt(10);
      int cp;
      if (choice < 5) {
        cp = '0' + random.nextInt(10);
      } else if (choice < 8) {
        cp = 0x4E00 + random.nextInt(0x9FFF - 0x4E00 + 1);
      } else {
        do {
          cp = random.nextInt(Character.MAX_CODE_POINT + 1);
        } while (cp == '*' || (cp <= 0xFFFF && Character.isSurrogate((char) cp)));
      }
      text.appendCodePoint(cp);
    }
    return text.toString();
  }

  /**
   * The boundaries, exhaustively: null, and every length from 0 to {@link #MAX_LENGTH} written in
   * digits, in Han characters, in supplementary characters (pairs), and in the three mixed.
   */
  static List<String> everyLength() {
    List<String> texts = new ArrayList<>();
    texts.add(null);
    String[] alphabets = {
      "0123456789", "北京市海淀区", "\uD83D\uDE00\uD840\uDC00\uDBFF\uDFFF", "1中\uD83D\uDE00"
    };
    for (String alphabet : alphabets) {
      int[] cps = alphabet.codePoints().toArray();
      for (int length = 0; length <= MAX_LENGTH; length++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
          text.appendCodePoint(cps[i % cps.length]);
        }
        texts.add(text.toString());
      }
    }
    return texts;
  }

  @Test
  void an_id_number_shows_at_most_6_plus_4_characters_and_hides_at_least_8() {
    Cases.forEvery(random -> idNumberMasked(anyText(random)));
  }

  @Test
  void a_valid_id_number_never_shows_its_birth_date() {
    Cases.forEvery(random -> birthDateHidden(IdNumbers.valid(random)));
  }

  @Test
  void a_mobile_shows_at_most_3_plus_4_characters_and_hides_at_least_4() {
    Cases.forEvery(random -> mobileMasked(anyText(random)));
  }

  @Test
  void a_name_shows_at_most_its_first_and_last_character_and_always_hides_one() {
    Cases.forEvery(random -> nameMasked(anyText(random)));
  }

  /** The boundaries jqwik tried first (null, empty, one character), and every other length. */
  @Test
  void null_and_every_length_from_0_to_40_and_the_boundary_numbers_hold_every_rule() {
    Cases.forEach(
        everyLength(),
        value -> {
          idNumberMasked(value);
          mobileMasked(value);
          nameMasked(value);
        });
    Cases.forEach(IdNumbers.EDGES, MaskingPropertiesTest::birthDateHidden);
  }

  // ---- the checks --------------------------------------------------------------------------

  private static void idNumberMasked(String value) {
    int shown = shown(value, Masking.idNumber(value), 6, 4);
    assertTrue(shown <= Math.max(0, length(value) - 8), () -> Masking.idNumber(value));
  }

  private static void birthDateHidden(IdNumbers.Generated id) {
    String masked = Masking.idNumber(id.value());
    assertEquals(id.value().substring(0, 6) + "********" + id.value().substring(14), masked);
  }

  private static void mobileMasked(String value) {
    int shown = shown(value, Masking.mobile(value), 3, 4);
    assertTrue(shown <= Math.max(0, length(value) - 4), () -> Masking.mobile(value));
  }

  private static void nameMasked(String value) {
    int shown = shown(value, Masking.name(value), 1, 1);
    assertTrue(shown <= Math.max(0, length(value) - 1), () -> Masking.name(value));
  }

  private static int length(String value) {
    return value == null ? 0 : value.codePointCount(0, value.length());
  }

  /**
   * Checks that {@code masked} is a prefix of at most {@code head} characters of {@code value}, one
   * run of '*', and a suffix of at most {@code tail} characters of it; returns how many it shows.
   */
  static int shown(String value, String masked, int head, int tail) {
    assertTrue(masked != null && !masked.isEmpty(), "a masked value is never empty");
    List<Integer> out = masked.codePoints().boxed().toList();
    out.forEach(
        cp -> assertTrue(cp > 0xFFFF || !Character.isSurrogate((char) (int) cp), "half a pair"));
    List<Integer> in = value == null ? List.of() : value.codePoints().boxed().toList();
    int lead = 0;
    while (lead < out.size() && out.get(lead) != '*') {
      lead++;
    }
    int trail = 0;
    while (trail < out.size() - lead && out.get(out.size() - 1 - trail) != '*') {
      trail++;
    }
    assertTrue(lead < out.size(), "at least one '*'");
    assertTrue(
        out.subList(lead, out.size() - trail).stream().allMatch(cp -> cp == '*'), "one run of '*'");
    assertTrue(lead <= head && trail <= tail, () -> "shows too much: " + masked);
    assertEquals(in.subList(0, Math.min(lead, in.size())), out.subList(0, lead), "a prefix");
    assertEquals(
        in.subList(Math.max(0, in.size() - trail), in.size()),
        out.subList(out.size() - trail, out.size()),
        "a suffix");
    return lead + trail;
  }
}
