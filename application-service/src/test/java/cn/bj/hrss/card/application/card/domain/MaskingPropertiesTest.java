package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the input (null, short, long, any Unicode), a masked value shows at most the allowed
 * leading and trailing characters of the input, hides at least the allowed share of it, and is
 * well-formed text (no half of a surrogate pair).
 */
class MaskingPropertiesTest {

  /** Any text without '*' (so that what is shown can be told from what is hidden). */
  @Provide
  Arbitrary<String> anyText() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.integers().between('0', '9')),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x4E00, 0x9FFF)),
            net.jqwik.api.Tuple.of(
                2,
                Arbitraries.integers()
                    .between(0, Character.MAX_CODE_POINT)
                    .filter(cp -> !Character.isSurrogate((char) (int) cp) || cp > 0xFFFF)));
    return codePoint
        .filter(cp -> cp != '*' && (cp > 0xFFFF || !Character.isSurrogate((char) (int) cp)))
        .list()
        .ofMaxSize(40)
        .map(
            cps -> {
              StringBuilder text = new StringBuilder();
              cps.forEach(text::appendCodePoint);
              return text.toString();
            })
        .injectNull(0.02);
  }

  @Property
  void an_id_number_shows_at_most_6_plus_4_characters_and_hides_at_least_8(
      @ForAll("anyText") String value) {
    int shown = shown(value, Masking.idNumber(value), 6, 4);
    assertTrue(shown <= Math.max(0, length(value) - 8), () -> Masking.idNumber(value));
  }

  @Property
  void a_valid_id_number_never_shows_its_birth_date(@ForAll("validIds") IdNumbers.Generated id) {
    String masked = Masking.idNumber(id.value());
    assertEquals(id.value().substring(0, 6) + "********" + id.value().substring(14), masked);
  }

  @Property
  void a_mobile_shows_at_most_3_plus_4_characters_and_hides_at_least_4(
      @ForAll("anyText") String value) {
    int shown = shown(value, Masking.mobile(value), 3, 4);
    assertTrue(shown <= Math.max(0, length(value) - 4), () -> Masking.mobile(value));
  }

  @Property
  void a_name_shows_at_most_its_first_and_last_character_and_always_hides_one(
      @ForAll("anyText") String value) {
    int shown = shown(value, Masking.name(value), 1, 1);
    assertTrue(shown <= Math.max(0, length(value) - 1), () -> Masking.name(value));
  }

  @Provide
  Arbitrary<IdNumbers.Generated> validIds() {
    return IdNumbers.valid();
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
