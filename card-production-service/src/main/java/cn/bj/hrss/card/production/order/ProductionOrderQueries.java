package cn.bj.hrss.card.production.order;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.deadline.ProductionDeadlines;
import cn.bj.hrss.card.production.factory.FactoryAssignments;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads the production orders: one order, listings with paging in a stable order, and the counts of
 * what is due and what is late. "Today" is the day in Beijing on the injected clock; a period ends
 * at 24:00 of its last day (R-SLA-5), so an open order is overdue from the day after its due date.
 */
@ApplicationScoped
public class ProductionOrderQueries {

  private static final String OPEN = "status IN " + ProductionOrder.OPEN_STATUSES;

  /** What a listing shows. */
  public enum Listing {
    /** Every order of the filter, oldest application first. */
    ALL(" ORDER BY ordered_at, card_id"),
    /** Open orders whose last day is today. */
    DUE_TODAY(" AND " + OPEN + " AND due_date = ? ORDER BY card_id"),
    /** Open orders past their last day, the longest overdue first. */
    OVERDUE(" AND " + OPEN + " AND due_date < ? ORDER BY due_date, card_id"),
    /** Orders without a deadline (see deadline_problem), oldest first. */
    DEADLINE_UNKNOWN(" AND due_date IS NULL ORDER BY ordered_at, card_id");

    private final String conditionAndOrder;

    Listing(String conditionAndOrder) {
      this.conditionAndOrder = conditionAndOrder;
    }
  }

  private final DataSource dataSource;
  private final Clock clock;

  ProductionOrderQueries(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Today in Beijing, on the service's clock. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(ProductionDeadlines.BEIJING));
  }

  public Optional<ProductionOrder> find(String cardId) throws SQLException {
    List<ProductionOrder> found =
        select("SELECT * FROM production_order WHERE card_id = ?", List.of(cardId), today());
    return found.stream().findFirst();
  }

  /**
   * The order if {@code factory} may see it (S-FACTORY-1: one of the factories it is assigned to),
   * or any order when {@code factory} is null (an operator, an auditor).
   */
  public Optional<ProductionOrder> find(String cardId, String factory) throws SQLException {
    return find(cardId).filter(order -> factory == null || order.factories().contains(factory));
  }

  /** A change of an order's due date: a calendar version loaded, or a date given where none was. */
  public record DeadlineChange(
      Instant changedAt,
      LocalDate oldDueDate,
      LocalDate newDueDate,
      String oldCalendarVersion,
      String newCalendarVersion,
      String reason) {}

  /** The changes of an order's due date after it was first set, oldest first. */
  public List<DeadlineChange> deadlineHistory(String cardId) throws SQLException {
    List<DeadlineChange> changes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT changed_at, old_due_date, new_due_date, old_calendar_version,"
                    + " new_calendar_version, reason FROM production_order_deadline_change"
                    + " WHERE card_id = ? ORDER BY id")) {
      select.setString(1, cardId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          changes.add(
              new DeadlineChange(
                  instant(row, "changed_at"),
                  localDate(row, "old_due_date"),
                  localDate(row, "new_due_date"),
                  row.getString("old_calendar_version"),
                  row.getString("new_calendar_version"),
                  row.getString("reason")));
        }
      }
    }
    return changes;
  }

  /**
   * One page of a listing.
   *
   * @param status only orders in this status (for {@link Listing#ALL}); null for any
   */
  public OrderPage page(OrderFilter filter, Listing listing, String status, int limit, int offset)
      throws SQLException {
    LocalDate today = today();
    List<Object> values = OrderFilter.values();
    String where = filter.where(values);
    if (status != null && !status.isBlank()) {
      where += " AND status = ?";
      values.add(status);
    }
    String conditionAndOrder = listing.conditionAndOrder;
    if (listing == Listing.DUE_TODAY || listing == Listing.OVERDUE) {
      values.add(Date.valueOf(today));
    }
    String condition = conditionAndOrder.substring(0, conditionAndOrder.indexOf(" ORDER BY"));
    long total = count("SELECT count(*) FROM production_order" + where + condition, values);
    List<Object> pageValues = new ArrayList<>(values);
    pageValues.add(limit);
    pageValues.add(offset);
    List<ProductionOrder> orders =
        select(
            "SELECT * FROM production_order" + where + conditionAndOrder + " LIMIT ? OFFSET ?",
            pageValues,
            today);
    return new OrderPage(today, total, limit, offset, orders);
  }

  /** Counts by status, due today, overdue and without deadline, in total and per outlet. */
  public OrderSummary summary(OrderFilter filter) throws SQLException {
    LocalDate today = today();
    List<Object> values = OrderFilter.values();
    values.add(Date.valueOf(today));
    values.add(Date.valueOf(today));
    String sql =
        "SELECT outlet_name, status, count(*) AS orders,"
            + " count(*) FILTER (WHERE "
            + OPEN
            + " AND due_date = ?) AS due_today,"
            + " count(*) FILTER (WHERE "
            + OPEN
            + " AND due_date < ?) AS overdue,"
            + " count(*) FILTER (WHERE due_date IS NULL) AS deadline_unknown"
            + " FROM production_order"
            + filter.where(values)
            + " GROUP BY outlet_name, status";
    Tally total = new Tally();
    Map<String, Tally> outlets = new TreeMap<>();
    Tally noOutlet = new Tally();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        String outlet = row.getString("outlet_name");
        Tally tally = outlet == null ? noOutlet : outlets.computeIfAbsent(outlet, o -> new Tally());
        for (Tally t : List.of(total, tally)) {
          t.add(
              row.getString("status"),
              row.getLong("orders"),
              row.getLong("due_today"),
              row.getLong("overdue"),
              row.getLong("deadline_unknown"));
        }
      }
    }
    List<OrderSummary.OutletCounts> perOutlet = new ArrayList<>();
    outlets.forEach(
        (name, tally) -> perOutlet.add(new OrderSummary.OutletCounts(name, tally.counts())));
    if (!noOutlet.byStatus.isEmpty()) {
      perOutlet.add(new OrderSummary.OutletCounts(null, noOutlet.counts()));
    }
    return new OrderSummary(today, filter.bankCode(), total.counts(), perOutlet);
  }

  private static final class Tally {
    private final Map<String, Long> byStatus = new LinkedHashMap<>();
    private long dueToday;
    private long overdue;
    private long deadlineUnknown;

    void add(String status, long orders, long due, long late, long unknown) {
      byStatus.merge(status, orders, Long::sum);
      dueToday += due;
      overdue += late;
      deadlineUnknown += unknown;
    }

    OrderSummary.Counts counts() {
      return new OrderSummary.Counts(new TreeMap<>(byStatus), dueToday, overdue, deadlineUnknown);
    }
  }

  private long count(String sql, List<Object> values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private List<ProductionOrder> select(String sql, List<Object> values, LocalDate today)
      throws SQLException {
    List<ProductionOrder> orders = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        orders.add(read(row, today));
      }
    }
    return orders;
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return statement;
  }

  private static ProductionOrder read(ResultSet row, LocalDate today) throws SQLException {
    String status = row.getString("status");
    LocalDate due = localDate(row, "due_date");
    boolean open = "ORDERED".equals(status) || "PRODUCTION_FAILED".equals(status);
    return new ProductionOrder(
        row.getString("card_id"),
        row.getString("bank_code"),
        row.getString("channel"),
        row.getString("collection_method"),
        row.getString("outlet_name"),
        status,
        instant(row, "ordered_at"),
        localDate(row, "application_date"),
        due,
        row.getString("deadline_rule"),
        row.getString("deadline_problem"),
        row.getBoolean("due_date_provisional"),
        row.getString("calendar_version"),
        row.getString("deadline_note"),
        open && due != null && due.isBefore(today),
        row.getInt("failure_count"),
        row.getString("last_failure_reason"),
        instant(row, "last_failed_at"),
        row.getString("card_number"),
        instant(row, "produced_at"),
        instant(row, "dispatched_at"),
        row.getString("tracking_number"),
        instant(row, "handed_over_at"),
        FactoryAssignments.factories(row),
        row.getString("closed_reason"),
        instant(row, "closed_at"));
  }

  private static LocalDate localDate(ResultSet row, String column) throws SQLException {
    return row.getObject(column, LocalDate.class);
  }
}
