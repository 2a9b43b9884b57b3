package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.contract.event.CardCollected.MaskedPerson;
import java.util.regex.Pattern;

/**
 * What a proxy collection's notice (S-PROXY-1) may say of the proxy and the authorisation: only
 * text in a shape that can carry nothing else (no typed words reach an SMS, issue 16 item 4). A
 * name is put in only as the event masks it (王*明: Han characters with at least one {@code *}), an
 * authorisation number only as letters then digits (SQ2025031400012: digits glued to letters read
 * as a code, not a phone number, R-FRAUD-1); otherwise general words stand in.
 */
public final class Proxies {

  static final String SOME_PROXY = "代领人";
  static final String AUTHORISATION_KEPT = "以网点留存为准";

  private static final Pattern MASKED_NAME =
      Pattern.compile("(?=.*\\*)(?=.*\\p{IsHan})[\\p{IsHan}*]{2,8}");
  private static final Pattern AUTHORISATION = Pattern.compile("[A-Z]{1,6}\\d{4,24}");

  private Proxies() {}

  /** The proxy's masked name, or 代领人 when the event gives none in a masked shape. */
  public static String maskedName(MaskedPerson proxy) {
    return proxy != null && proxy.name() != null && MASKED_NAME.matcher(proxy.name()).matches()
        ? proxy.name()
        : SOME_PROXY;
  }

  /** The authorisation's number, or 以网点留存为准 when it is in no such shape. */
  public static String authorisation(String number) {
    return number != null && AUTHORISATION.matcher(number).matches() ? number : AUTHORISATION_KEPT;
  }
}
