package cn.bj.hrss.card.notification.sms;

/** Personal data as logs and listings show it (ARCHITECTURE.md point 8). */
public final class Masking {

  private Masking() {}

  /**
   * 13800138000 becomes 138****8000. Whatever the value, at most its first 3 and last 4 characters
   * show and at least 4 stay hidden: a value of fewer than 11 characters is fully masked.
   */
  public static String mobile(String value) {
    if (value == null || value.codePointCount(0, value.length()) < 11) {
      return "****";
    }
    int length = value.codePointCount(0, value.length());
    return value.substring(0, value.offsetByCodePoints(0, 3))
        + "****"
        + value.substring(value.offsetByCodePoints(0, length - 4));
  }

  /** 北京市海淀区中关村大街1号 becomes 北京市海淀区****: the district at most. */
  public static String address(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    int keep = Math.min(6, value.codePointCount(0, value.length()) / 2);
    return value.substring(0, value.offsetByCodePoints(0, keep)) + "****";
  }
}
