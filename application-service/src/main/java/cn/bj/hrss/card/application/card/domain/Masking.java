package cn.bj.hrss.card.application.card.domain;

/**
 * Masks personal data for listings and logs (ARCHITECTURE.md point 8). Whatever the input, a masked
 * value shows at most its allowed leading and trailing characters (counted in Unicode code points,
 * never half a surrogate pair) and hides at least: 8 characters of an ID number (the birth date's
 * worth), 4 of a mobile, 1 of a name. A value too short to keep that share is fully masked.
 */
public final class Masking {

  private Masking() {}

  /** 11010519491231002X becomes 110105********002X. */
  public static String idNumber(String value) {
    return keep(value, 6, 4, 18, "****");
  }

  /** 13800138000 becomes 138****8000. */
  public static String mobile(String value) {
    if (value == null || value.codePointCount(0, value.length()) < 11) {
      return "****";
    }
    return head(value, 3) + "****" + tail(value, 4);
  }

  /** 王小明 becomes 王*明, 李四 becomes 李*, a single character becomes *. */
  public static String name(String value) {
    if (value == null || value.codePointCount(0, value.length()) < 2) {
      return "*";
    }
    int length = value.codePointCount(0, value.length());
    if (length == 2) {
      return head(value, 1) + "*";
    }
    return head(value, 1) + "*".repeat(length - 2) + tail(value, 1);
  }

  /** The first {@code head} and last {@code tail} code points around '*'s, or {@code tooShort}. */
  private static String keep(String value, int head, int tail, int minLength, String tooShort) {
    if (value == null) {
      return tooShort;
    }
    int length = value.codePointCount(0, value.length());
    if (length < minLength) {
      return tooShort;
    }
    return head(value, head) + "*".repeat(length - head - tail) + tail(value, tail);
  }

  private static String head(String value, int count) {
    return value.substring(0, value.offsetByCodePoints(0, count));
  }

  private static String tail(String value, int count) {
    int length = value.codePointCount(0, value.length());
    return value.substring(value.offsetByCodePoints(0, length - count));
  }
}
