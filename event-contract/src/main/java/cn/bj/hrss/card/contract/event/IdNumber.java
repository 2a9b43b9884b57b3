package cn.bj.hrss.card.contract.event;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The 18-character resident identity card number of GB 11643-1999 (FACTS.md): the one check of an
 * ID number in the suite ({@link Applicant#idNumber()}), for application-service and the sample
 * registry alike.
 */
public final class IdNumber {

  private static final Pattern FORMAT = Pattern.compile("\\d{17}[0-9X]");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private IdNumber() {}

  /** Whether {@code value} is well formed, has a real birth date and the right check character. */
  public static boolean isValid(String value) {
    if (value == null || !FORMAT.matcher(value).matches()) {
      return false;
    }
    try {
      birthDate(value);
    } catch (DateTimeException e) {
      return false;
    }
    return value.charAt(17) == checkCharacter(value);
  }

  /** The birth date written in a valid number (characters 7 to 14). */
  public static LocalDate birthDate(String value) {
    return LocalDate.of(
        Integer.parseInt(value.substring(6, 10)),
        Integer.parseInt(value.substring(10, 12)),
        Integer.parseInt(value.substring(12, 14)));
  }

  /** Full years of age on {@code date}: one less before that year's birthday (FACTS.md). */
  public static int ageOn(String value, LocalDate date) {
    return java.time.Period.between(birthDate(value), date).getYears();
  }

  /**
   * A valid number: the 17 digits given (6 of the region, 8 of the birth date, 3 of the sequence)
   * and their check character.
   */
  public static String withCheckCharacter(String first17) {
    return first17 + checkCharacter(first17);
  }

  /** The check character for the first 17 digits of {@code value}. */
  public static char checkCharacter(String value) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (value.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }
}
