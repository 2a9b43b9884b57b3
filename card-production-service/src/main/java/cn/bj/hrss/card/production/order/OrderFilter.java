package cn.bj.hrss.card.production.order;

import java.util.ArrayList;
import java.util.List;

/**
 * Which orders a listing covers: one bank, optionally one outlet (the outlet where the card is to
 * be collected), or every bank when the bank is not given (operators); for a factory, only the
 * orders assigned to it (S-FACTORY-1), whatever else it asks, and none that is closed (withdrawn,
 * S-WITHDRAW-1, or cancelled, S-END-1): those are no longer its work.
 *
 * @param factory the factory asking, whose own orders alone it lists; null for operators and
 *     auditors
 */
public record OrderFilter(String bankCode, String outletName, String factory) {

  public OrderFilter(String bankCode, String outletName) {
    this(bankCode, outletName, null);
  }

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
    if (factory != null) {
      sql.append(" AND factories @> ARRAY[CAST(? AS varchar)]");
      values.add(factory);
      sql.append(" AND status NOT IN ").append(ProductionOrder.CLOSED_STATUSES);
    }
    return sql.toString();
  }

  static List<Object> values() {
    return new ArrayList<>();
  }
}
