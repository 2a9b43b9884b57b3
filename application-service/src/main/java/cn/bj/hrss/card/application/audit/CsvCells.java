package cn.bj.hrss.card.application.audit;

/**
 * A cell of an exported CSV that a spreadsheet will not run (CSV formula injection, issue 16): a
 * value starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, as
 * OWASP recommends. Quoting of commas, quotes and line breaks is Commons CSV's (RFC 4180).
 */
public final class CsvCells {

  private CsvCells() {}

  public static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    boolean formula =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return formula ? "'" + value : value;
  }
}
