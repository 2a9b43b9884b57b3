package cn.bj.hrss.card.production.order;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The daily series of open, due and overdue orders (issue 21: the console's pictures over time),
 * computed in one query from the projection's own dates, with no table of its own (ADR 40). An
 * order is open at the end of a day D when it was applied for on or before D (its application date,
 * else the Beijing day of {@code ordered_at}) and it left production after D: the first of {@code
 * produced_at}, {@code dispatched_at}, {@code handed_over_at} and {@code closed_at} (or, for an
 * order no longer open that has none of them, its {@code updated_at}) falls on a later Beijing day,
 * or has not happened. For today the counts are the summary's {@code dueToday} and {@code overdue}.
 */
@ApplicationScoped
public class DailyOrderQueries {

  /** Group values: per bank, or per bank and collection outlet. */
  public static final String BY_BANK = "bank";

  public static final String BY_OUTLET = "outlet";

  private static final String BEIJING_DAY = " AT TIME ZONE 'Asia/Shanghai' AS date)";

  private static final String ORDERS =
      "SELECT bank_code, outlet_name, due_date,"
          + " COALESCE(application_date, CAST(ordered_at"
          + BEIJING_DAY
          + ") AS opened_on,"
          + " CAST(LEAST(produced_at, dispatched_at, handed_over_at, closed_at,"
          + " CASE WHEN status NOT IN "
          + ProductionOrder.OPEN_STATUSES
          + " THEN updated_at END)"
          + BEIJING_DAY
          + " AS left_on FROM production_order";

  private final DataSource dataSource;
  private final ProductionOrderQueries orders;

  DailyOrderQueries(DataSource dataSource, ProductionOrderQueries orders) {
    this.dataSource = dataSource;
    this.orders = orders;
  }

  /** Today in Beijing, on the service's clock. */
  public LocalDate today() {
    return orders.today();
  }

  /**
   * Each day from {@code from} to {@code to} (both included; the caller checks the range).
   *
   * @param groupBy null, {@link #BY_BANK} or {@link #BY_OUTLET}
   */
  public DailyOrders daily(OrderFilter filter, LocalDate from, LocalDate to, String groupBy)
      throws SQLException {
    boolean byBank = BY_BANK.equals(groupBy) || BY_OUTLET.equals(groupBy);
    boolean byOutlet = BY_OUTLET.equals(groupBy);
    String groupColumns = (byBank ? ", o.bank_code" : "") + (byOutlet ? ", o.outlet_name" : "");
    List<Object> values = OrderFilter.values();
    String sql =
        "WITH o AS ("
            + ORDERS
            + filter.where(values)
            + ") SELECT d.day"
            + groupColumns
            + ", count(*) AS open,"
            + " count(*) FILTER (WHERE o.due_date = d.day) AS due,"
            + " count(*) FILTER (WHERE o.due_date < d.day) AS overdue"
            // the days as dates, whatever the session's time zone
            + " FROM (SELECT CAST(? AS date) + i AS day FROM generate_series(0, ?) AS i) AS d"
            + " JOIN o ON o.opened_on <= d.day AND (o.left_on IS NULL OR o.left_on > d.day)"
            + " GROUP BY 1"
            + groupColumns
            // per group, then per day: the groups come in bank order, then outlet (mail last)
            + " ORDER BY "
            + (byBank ? groupColumns.substring(2) + ", 1" : "1");
    values.add(Date.valueOf(from));
    values.add((int) ChronoUnit.DAYS.between(from, to));
    Map<LocalDate, DailyOrders.Day> totals = new LinkedHashMap<>();
    Map<List<String>, Map<LocalDate, DailyOrders.Day>> groups = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          LocalDate day = row.getObject("day", LocalDate.class);
          DailyOrders.Day counts =
              new DailyOrders.Day(
                  day, row.getLong("open"), row.getLong("due"), row.getLong("overdue"));
          totals.merge(day, counts, DailyOrderQueries::sum);
          if (byBank) {
            List<String> key = new ArrayList<>();
            key.add(row.getString("bank_code"));
            key.add(byOutlet ? row.getString("outlet_name") : null);
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(day, counts);
          }
        }
      }
    }
    List<DailyOrders.Group> perGroup = new ArrayList<>();
    groups.forEach(
        (key, days) ->
            perGroup.add(new DailyOrders.Group(key.get(0), key.get(1), everyDay(from, to, days))));
    return new DailyOrders(
        from,
        to,
        today(),
        filter.bankCode(),
        filter.outletName(),
        groupBy,
        everyDay(from, to, totals),
        perGroup);
  }

  /** One entry per day of the range, zero where no order was open. */
  private static List<DailyOrders.Day> everyDay(
      LocalDate from, LocalDate to, Map<LocalDate, DailyOrders.Day> counted) {
    List<DailyOrders.Day> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.add(counted.getOrDefault(day, new DailyOrders.Day(day, 0, 0, 0)));
    }
    return days;
  }

  private static DailyOrders.Day sum(DailyOrders.Day a, DailyOrders.Day b) {
    return new DailyOrders.Day(
        a.date(), a.open() + b.open(), a.due() + b.due(), a.overdue() + b.overdue());
  }
}
