package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardRequested;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides who hears about a card: the guardian when the application names one (a
 * minor's card, R-BANK-4), else the applicant, whose mobile is the holder's (or already the
 * guardian's, for applications made before the contract carried a guardian).
 */
public final class Recipients {

  private static final Pattern MOBILE = Pattern.compile("(?:\\+86|0086)?(1[3-9]\\d{9})");

  private Recipients() {}

  /** The 11-digit mobile the card's notices go to, or empty when the event has no usable one. */
  public static Optional<String> of(CardRequested requested) {
    Optional<String> guardian =
        guardianOf(requested).map(Applicant::mobile).flatMap(Recipients::mobile);
    if (guardian.isPresent()) {
      return guardian;
    }
    return Optional.ofNullable(requested.applicant())
        .map(Applicant::mobile)
        .flatMap(Recipients::mobile);
  }

  /**
   * R-BANK-4: the day the holder of a card a guardian applied for turns 18, from which the holder,
   * not the guardian, receives the notices; empty when no guardian applied or the ID number gives
   * no birth date.
   */
  public static Optional<LocalDate> holderAdultOn(CardRequested requested) {
    if (guardianOf(requested).isEmpty() || requested.applicant() == null) {
      return Optional.empty();
    }
    return birthDate(requested.applicant().idNumber()).map(Recipients::eighteenthBirthday);
  }

  /**
   * The holder's own mobile on a card a guardian applied for: the applicant's, where it is not the
   * guardian's; else empty.
   */
  public static Optional<String> holdersOwnMobile(CardRequested requested) {
    Optional<String> guardian =
        guardianOf(requested).map(Applicant::mobile).flatMap(Recipients::mobile);
    Optional<String> applicant =
        Optional.ofNullable(requested.applicant())
            .map(Applicant::mobile)
            .flatMap(Recipients::mobile);
    return applicant.filter(mobile -> !mobile.equals(guardian.orElse(null)));
  }

  /**
   * The first day the person is 18 full years old: the birthday, or 1 March for one born on 29
   * February when the year of the 18th birthday has none.
   */
  static LocalDate eighteenthBirthday(LocalDate birth) {
    LocalDate day = birth.plusYears(18);
    return Period.between(birth, day).getYears() < 18 ? day.plusDays(1) : day;
  }

  /** The birth date an 18-character ID number carries (characters 7-14), if it is a date. */
  static Optional<LocalDate> birthDate(String idNumber) {
    if (idNumber == null || idNumber.length() != 18) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.parse(idNumber.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<Applicant> guardianOf(CardRequested requested) {
    return Optional.ofNullable(requested.guardian());
  }

  /** A mainland mobile as 11 digits (+86 or 0086 dropped), or empty if it is not one. */
  public static Optional<String> mobile(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = MOBILE.matcher(value.replaceAll("[\\s-]", ""));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
