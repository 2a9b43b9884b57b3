package cn.bj.hrss.card.notification.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Who hears about a card, and how their number and address are shown, for any input. */
class RecipientsPropertiesTest {

  @Provide
  Arbitrary<String> mobiles() {
    return Combinators.combine(
            Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
        .as((second, rest) -> "1" + second + rest);
  }

  @Property
  void a_mainland_mobile_written_with_a_prefix_spaces_or_hyphens_is_its_11_digits(
      @ForAll("mobiles") String mobile,
      @ForAll("prefixes") String prefix,
      @ForAll("separators") String separator) {
    String written =
        prefix
            + mobile.substring(0, 3)
            + separator
            + mobile.substring(3, 7)
            + separator
            + mobile.substring(7);
    assertEquals(Optional.of(mobile), Recipients.mobile(written));
  }

  @Property
  void whatever_is_written_the_answer_is_empty_or_a_mainland_mobile(@ForAll String value) {
    Recipients.mobile(value).ifPresent(m -> assertTrue(m.matches("1[3-9][0-9]{9}"), m));
  }

  @Property
  void a_mobile_one_digit_short_or_long_is_no_recipient(@ForAll("mobiles") String mobile) {
    assertEquals(Optional.empty(), Recipients.mobile(mobile.substring(1)));
    assertEquals(Optional.empty(), Recipients.mobile(mobile + "8"));
  }

  @Property
  void a_masked_mobile_shows_at_most_3_plus_4_characters_and_hides_at_least_4(
      @ForAll String value) {
    String masked = Masking.mobile(value);
    int length = value.codePointCount(0, value.length());
    int shown = (int) masked.codePoints().filter(cp -> cp != '*').count();
    assertTrue(masked.contains("****"));
    assertTrue(shown <= 7 && shown <= Math.max(0, length - 4), masked);
    masked
        .codePoints()
        .forEach(cp -> assertTrue(cp > 0xFFFF || !Character.isSurrogate((char) cp), "half a pair"));
  }

  @Property
  void a_masked_address_shows_at_most_half_of_it_and_never_more_than_6_characters(
      @ForAll String value) {
    String masked = Masking.address(value);
    if (value.isBlank()) {
      assertEquals(null, masked);
      return;
    }
    String shown = masked.substring(0, masked.length() - 4);
    assertTrue(value.startsWith(shown) && masked.endsWith("****"), masked);
    int count = shown.codePointCount(0, shown.length());
    assertTrue(count <= 6 && count <= value.codePointCount(0, value.length()) / 2, masked);
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of("", "+86", "0086", "+86 ", "0086-");
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of("", " ", "-", "  ", "\t");
  }
}
