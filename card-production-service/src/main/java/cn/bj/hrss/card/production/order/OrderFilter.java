package cn.bj.hrss.card.production.order;

import java.util.ArrayList;
import java.util.List;

/**
 * Which orders a listing covers: one bank, optionally one outlet (the outlet where the card is to
 * be collected), or every bank when the bank is not given (operators).
 */
public record OrderFilter(String bankCode, String outletName) {

  /** The SQL condition and its values, starting with {@code WHERE TRUE}. */
  String where(List<Object> values) {
    StringBuilder sql = new StringBuilder(" WHERE TRUE");
    if (bankCode != null && !bankCode.isBlank()) {
      sql.append(" AND bank_code = ?");
      values.add(bankCode);
    }
    if (outletName != null && !outletName.isBlank()) {
      sql.append(" AND outlet_name = ?");
      values.add(outletName);
    }
    return sql.toString();
  }

  static List<Object> values() {
    return new ArrayList<>();
  }
}
