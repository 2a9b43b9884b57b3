package cn.bj.hrss.card.application.card.domain;

/**
 * Words a person typed that an event keeps (a proxy's name, an operator's note): not blank, at most
 * so many characters (Unicode code points), no control characters (line breaks included), so that
 * they cannot forge lines in a log, a CSV export or a notice.
 */
final class PlainText {

  private PlainText() {}

  static boolean isPlain(String value, int maxLength) {
    return value != null
        && !value.isBlank()
        && value.codePointCount(0, value.length()) <= maxLength
        && value.codePoints().noneMatch(Character::isISOControl);
  }
}
