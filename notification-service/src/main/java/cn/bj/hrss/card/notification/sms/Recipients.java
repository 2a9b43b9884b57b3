package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardRequested;
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
