package cn.bj.hrss.card.notification.sms;

/** Personal data as logs and listings show it (ARCHITECTURE.md point 8). */
public final class Masking {

  private Masking() {}

  /** 13800138000 becomes 138****8000. */
  public static String mobile(String value) {
    if (value == null || value.length() < 7) {
      return "****";
    }
    return value.substring(0, 3) + "****" + value.substring(value.length() - 4);
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
