package cn.bj.hrss.card.application.card.domain;

/** Masks personal data for listings and logs (ARCHITECTURE.md point 8). */
public final class Masking {

  private Masking() {}

  /** 11010519491231002X becomes 110105********002X. */
  public static String idNumber(String value) {
    if (value == null || value.length() < 10) {
      return "****";
    }
    return value.substring(0, 6)
        + "*".repeat(value.length() - 10)
        + value.substring(value.length() - 4);
  }

  /** 13800138000 becomes 138****8000. */
  public static String mobile(String value) {
    if (value == null || value.length() < 7) {
      return "****";
    }
    return value.substring(0, 3) + "****" + value.substring(value.length() - 4);
  }

  /** 王小明 becomes 王*明, 李四 becomes 李*. */
  public static String name(String value) {
    if (value == null || value.isEmpty()) {
      return "*";
    }
    int length = value.codePointCount(0, value.length());
    String first = new String(Character.toChars(value.codePointAt(0)));
    if (length <= 2) {
      return first + "*";
    }
    int lastStart = value.offsetByCodePoints(0, length - 1);
    return first + "*".repeat(length - 2) + value.substring(lastStart);
  }
}
