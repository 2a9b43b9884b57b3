package cn.bj.hrss.card.contract.event;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The courier tracking numbers a mailed card may carry (R-PICK-3): the carriers' own formats, so
 * that a tracking number is a code and never free text (issue 16 item 4; ADR 23). The set is small
 * on purpose; a new carrier is a new line here.
 *
 * <ul>
 *   <li>EMS with a UPU S10 number, as China Post gives it: {@code E}, a capital letter, eight
 *       digits, the S10 check digit, {@code CN}, e.g. {@code EA123456785CN};
 *   <li>EMS domestic: 13 digits, e.g. {@code 1180123456789}, not starting with 0, 86 or 106 (a
 *       prefix a telephone number has, which no SMS may carry, R-FRAUD-1);
 *   <li>SF Express (顺丰): {@code SF} and 12 or 13 digits, e.g. {@code SF1234567890123}.
 * </ul>
 */
public final class TrackingNumber {

  /** One carrier's format. */
  public record Format(String carrier, Pattern pattern) {}

  /** The S10 number of EMS: service indicator E?, serial, check digit, country CN. */
  private static final Pattern EMS_S10 = Pattern.compile("E[A-Z][0-9]{9}CN");

  public static final List<Format> FORMATS =
      List.of(
          new Format("EMS", EMS_S10),
          new Format("EMS", Pattern.compile("(?!0|86|106)[0-9]{13}")),
          new Format("SF", Pattern.compile("SF[0-9]{12,13}")));

  private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

  private TrackingNumber() {}

  /** Whether {@code value} is a tracking number of one of the carriers. */
  public static boolean isValid(String value) {
    if (value == null) {
      return false;
    }
    if (EMS_S10.matcher(value).matches()) {
      return value.charAt(10) - '0' == s10CheckDigit(value.substring(2, 10));
    }
    return FORMATS.stream().anyMatch(f -> f.pattern().matcher(value).matches());
  }

  /** The UPU S10 check digit of an eight-digit serial number. */
  public static int s10CheckDigit(String serial) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (serial.charAt(i) - '0') * S10_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 0 : check == 11 ? 5 : check;
  }
}
