package cn.bj.hrss.card.application.card.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.IdNumber;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GB 11643-1999 as relations over every number, not over a table of examples: {@link Cases#COUNT}
 * generated numbers per check (case {@code i} from {@code new Random(i)}), each one changed in
 * every position by every digit and cut at every length, and the boundary numbers of {@link
 * IdNumbers#EDGES} with every character as check character.
 */
class IdNumberPropertiesTest {

  @Test
  void every_well_formed_number_with_its_check_character_is_accepted() {
    Cases.forEvery(random -> accepted(IdNumbers.valid(random)));
  }

  @Test
  void changing_any_one_of_the_first_17_digits_is_refused() {
    Cases.forEvery(random -> everyOneDigitChangeRefused(IdNumbers.valid(random)));
  }

  @Test
  void any_other_check_character_is_refused() {
    // the 10 other characters that are well formed, and one char of any kind
    Cases.forEvery(
        random -> {
          IdNumbers.Generated id = IdNumbers.valid(random);
          for (char check : "0123456789X".toCharArray()) {
            otherCheckRefused(id, check);
          }
          otherCheckRefused(id, (char) random.nextInt(0x10000));
        });
  }

  @Test
  void a_number_of_any_other_length_is_refused() {
    Cases.forEvery(random -> everyOtherLengthRefused(IdNumbers.valid(random)));
  }

  @Test
  void any_string_is_answered_without_an_exception() {
    Cases.forEvery(
        random -> answered(random.nextBoolean() ? Cases.anyString(random) : almostAnId(random)));
  }

  @Test
  void the_age_turns_n_on_the_nth_birthday_and_never_decreases() {
    Cases.forEvery(
        random -> ageTurns(IdNumbers.valid(random), 1 + random.nextInt(120), random.nextInt(801)));
  }

  /** The boundaries jqwik tried first, kept as examples, each through every check above. */
  @Test
  void the_boundary_numbers_and_strings_hold_every_property() {
    Cases.forEach(
        IdNumbers.EDGES,
        id -> {
          accepted(id);
          everyOneDigitChangeRefused(id);
          for (char check = Character.MIN_VALUE; check < Character.MAX_VALUE; check++) {
            otherCheckRefused(id, check);
          }
          otherCheckRefused(id, Character.MAX_VALUE);
          everyOtherLengthRefused(id);
          for (int years : List.of(1, 2, 4, 100, 119, 120)) {
            for (int days : List.of(0, 1, 364, 365, 366, 799, 800)) {
              ageTurns(id, years, days);
            }
          }
        });
    Cases.forEach(Cases.EDGE_STRINGS, IdNumberPropertiesTest::answered);
  }

  // ---- the checks --------------------------------------------------------------------------

  private static void accepted(IdNumbers.Generated id) {
    assertTrue(IdNumber.isValid(id.value()), id.value());
    assertEquals(id.birthDate(), IdNumber.birthDate(id.value()));
  }

  /** Every position 0 to 16, every shift 1 to 9 (all 153 one-digit changes). */
  private static void everyOneDigitChangeRefused(IdNumbers.Generated id) {
    for (int position = 0; position <= 16; position++) {
      for (int shift = 1; shift <= 9; shift++) {
        char[] digits = id.value().toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);
        assertFalse(IdNumber.isValid(new String(digits)), new String(digits));
      }
    }
  }

  private static void otherCheckRefused(IdNumbers.Generated id, char check) {
    if (check != id.value().charAt(17)) {
      String other = id.value().substring(0, 17) + check;
      assertFalse(IdNumber.isValid(other), other);
    }
  }

  /** Every cut from 0 to 17 characters, and every digit added before or after. */
  private static void everyOtherLengthRefused(IdNumbers.Generated id) {
    for (int cut = 0; cut <= 17; cut++) {
      assertFalse(IdNumber.isValid(id.value().substring(0, cut)));
    }
    for (char extra = '0'; extra <= '9'; extra++) {
      assertFalse(IdNumber.isValid(id.value() + extra));
      assertFalse(IdNumber.isValid(extra + id.value()));
    }
  }

  private static void answered(String value) {
    IdNumber.isValid(value); // a refusal, never a crash
    if (value.length() != 18) {
      assertFalse(IdNumber.isValid(value));
    }
  }

  /** 18 characters of digits, X, x and others, with a real or impossible date. */
  private static String almostAnId(Random random) {
    StringBuilder value = new StringBuilder(Cases.digits(random, 17));
    value.append("0123456789Xx x".charAt(random.nextInt(14)));
    int at = random.nextInt(18);
    if (random.nextBoolean()) {
      value.setCharAt(at, Cases.anyChar(random));
    }
    return value.toString();
  }

  private static void ageTurns(IdNumbers.Generated id, int years, int days) {
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
