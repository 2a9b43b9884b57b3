package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/** GB 11643-1999 as relations over every number, not over a table of examples. */
class IdNumberPropertiesTest {

  @Provide
  Arbitrary<IdNumbers.Generated> validIds() {
    return IdNumbers.valid();
  }

  @Property
  void every_well_formed_number_with_its_check_character_is_accepted(
      @ForAll("validIds") IdNumbers.Generated id) {
    assertTrue(IdNumber.isValid(id.value()), id.value());
    assertEquals(id.birthDate(), IdNumber.birthDate(id.value()));
  }

  @Property
  void changing_any_one_of_the_first_17_digits_is_refused(
      @ForAll("validIds") IdNumbers.Generated id,
      @ForAll @IntRange(min = 0, max = 16) int position,
      @ForAll @IntRange(min = 1, max = 9) int shift) {
    char[] digits = id.value().toCharArray();
    digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);
    assertFalse(IdNumber.isValid(new String(digits)), new String(digits));
  }

  @Property
  void any_other_check_character_is_refused(
      @ForAll("validIds") IdNumbers.Generated id, @ForAll char check) {
    Assume.that(check != id.value().charAt(17));
    assertFalse(IdNumber.isValid(id.value().substring(0, 17) + check));
  }

  @Property
  void a_number_of_any_other_length_is_refused(
      @ForAll("validIds") IdNumbers.Generated id,
      @ForAll @IntRange(min = 0, max = 17) int cut,
      @ForAll @CharRange(from = '0', to = '9') char extra) {
    assertFalse(IdNumber.isValid(id.value().substring(0, cut)));
    assertFalse(IdNumber.isValid(id.value() + extra));
    assertFalse(IdNumber.isValid(extra + id.value()));
  }

  @Property
  void any_string_is_answered_without_an_exception(@ForAll String value) {
    IdNumber.isValid(value); // a refusal, never a crash
    if (value.length() != 18) {
      assertFalse(IdNumber.isValid(value));
    }
  }

  @Property
  void the_age_turns_n_on_the_nth_birthday_and_never_decreases(
      @ForAll("validIds") IdNumbers.Generated id,
      @ForAll @IntRange(min = 1, max = 120) int years,
      @ForAll @IntRange(min = 0, max = 800) int days) {
    String value = id.value();
    LocalDate birthday = id.birthDate().plusYears(years);
    if (birthday.getDayOfMonth() == id.birthDate().getDayOfMonth()) {
      assertEquals(years, IdNumber.ageOn(value, birthday));
      assertEquals(years - 1, IdNumber.ageOn(value, birthday.minusDays(1)));
    }
    LocalDate later = birthday.plusDays(days);
    assertTrue(IdNumber.ageOn(value, later) >= IdNumber.ageOn(value, birthday));
    assertTrue(IdNumber.ageOn(value, later) - IdNumber.ageOn(value, birthday) <= 1 + days / 365);
  }
}
