package cn.bj.hrss.card.notification.antifraud;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R-FRAUD-1, phone numbers: a text may name no phone number but an official one ({@link
 * OfficialNumbers}), however it is written. Part of {@link AntiFraudPolicy}.
 */
final class PhoneNumberRule {

  private PhoneNumberRule() {}

  /** A number, with the "+" that may stand before it. */
  private static final Pattern NUMBER = Pattern.compile("(\\+?)(?<![0-9])([0-9]+)(?![0-9])");

  /** Long numbers that are phone numbers: a trunk prefix, a country code 86, an SMS port 106. */
  private static final Pattern LONG_PHONE = Pattern.compile("0[0-9]*|86[0-9]*|106[0-9]*");

  /**
   * Latin letters right before digits that make them a phone number, not a code (tel13812345678).
   */
  private static final Pattern PHONE_LETTERS =
      Pattern.compile(
          "(?:tel|phone|mobile|mob|cell|call|fax|dh|dianhua|shouji|hotline|kf|kefu|wx|vx|weixin|"
              + "wechat|qq|whatsapp|telegram)$");

  /** Words asking the holder to call or contact someone. */
  private static final Pattern CONTACT_WORDS =
      Pattern.compile("致电|拨打|拨号|打给|回电|回拨|来电|电话|热线|客服|联系|联络|咨询|详询|垂询|call|tel|phone|dial|hotline");

  /**
   * A phone number that is not an official one. Every number of 7 to 11 digits is one (a mobile, a
   * number with its area code, a local number, a 400 number); a longer one when it starts like a
   * phone number (0, 86 or 0086 and a mobile, 106), or after a "+". Digits glued to Latin letters
   * are a code (a tracking number, EMS1234567890, even EMS13812345678), unless the letters say
   * phone (tel, call, kefu ...). Shorter numbers (95xxx, 10086) and numbers cut into pieces
   * ("前三位138，后八位...") count when the text asks to call or contact. A number of 12 or more digits
   * that starts otherwise is taken for a code (an EMS number of 13 digits); from 16 digits
   * R-FRAUD-2 reads a bank card number.
   */
  static String unofficialNumber(String text) {
    String signature = AntiFraudPolicy.signature(text);
    String view = SmsText.numberView(text);
    Matcher m = NUMBER.matcher(view);
    int looseDigits = 0;
    while (m.find()) {
      String digits = m.group(2);
      if (OfficialNumbers.allowed(digits, signature)) {
        continue;
      }
      String letters = latinLettersBefore(view, m.start(2));
      boolean code = !letters.isEmpty() && !PHONE_LETTERS.matcher(letters).find();
      boolean plus = !m.group(1).isEmpty();
      if (plus && digits.length() >= 5
          || !code
              && digits.length() >= 7
              && (digits.length() <= 11 || LONG_PHONE.matcher(digits).matches())) {
        return "contains a phone number that is not an official one (\"" + mask(digits) + "\")";
      }
      if (!code && digits.length() >= 3 && !view.startsWith("年", m.end())) {
        looseDigits += digits.length();
      }
    }
    Matcher contact = CONTACT_WORDS.matcher(SmsText.fold(text));
    if (looseDigits >= 5 && contact.find()) {
      return "asks to call or contact a number that is not an official one (\""
          + contact.group()
          + "\")";
    }
    return null;
  }

  private static String latinLettersBefore(String view, int at) {
    int start = at;
    while (start > 0 && view.charAt(start - 1) >= 'a' && view.charAt(start - 1) <= 'z') {
      start--;
    }
    return view.substring(start, at);
  }

  /** A number as a reason shows it: its first 3 and last 2 digits. */
  private static String mask(String digits) {
    return digits.length() <= 5
        ? digits
        : digits.substring(0, 3)
            + "*".repeat(digits.length() - 5)
            + digits.substring(digits.length() - 2);
  }
}
