package cn.bj.hrss.card.production.calendar;

import cn.bj.hrss.card.deadline.ProductionDeadlines;
import cn.bj.hrss.card.production.order.OrderDeadline;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the due dates of existing orders again on a newer calendar (issue 17): every order whose
 * period reaches into a year that was loaded, and every order that was left without a date. Each
 * change (old date, new date, the calendar versions, why) goes to the order's deadline history; an
 * order whose date and calendar stay the same is not touched.
 *
 * <p>Closed orders are counted again too: the legal due date is what the official calendar says,
 * and a rebuild from the topic, which counts on the calendar in force, gives the same rows.
 */
final class DeadlineRecompute {

  private record Order(
      String cardId, String channel, LocalDate applied, LocalDate due, String version) {}

  private DeadlineRecompute() {}

  /** The orders applied for before the end of {@code year} and due from its start. */
  static int year(Connection connection, ProductionDeadlines deadlines, int year, String reason)
      throws SQLException {
    return recompute(
        connection,
        deadlines,
        "due_date >= ? AND application_date < ?",
        List.of(Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year, 12, 31))),
        reason);
  }

  /** The orders without a due date (from before issue 17, when a year could be "unknown"). */
  static int missing(Connection connection, ProductionDeadlines deadlines, String reason)
      throws SQLException {
    return recompute(
        connection,
        deadlines,
        "due_date IS NULL AND application_date IS NOT NULL",
        List.of(),
        reason);
  }

  private static int recompute(
      Connection connection,
      ProductionDeadlines deadlines,
      String condition,
      List<Object> values,
      String reason)
      throws SQLException {
    List<Order> orders = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT card_id, channel, application_date, due_date, calendar_version"
                + " FROM production_order WHERE "
                + condition
                + " ORDER BY card_id FOR UPDATE")) {
      for (int i = 0; i < values.size(); i++) {
        select.setObject(i + 1, values.get(i));
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          orders.add(
              new Order(
                  row.getString(1),
                  row.getString(2),
                  row.getObject(3, LocalDate.class),
                  row.getObject(4, LocalDate.class),
                  row.getString(5)));
        }
      }
    }
    int changed = 0;
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE production_order SET due_date = ?, deadline_rule = ?, deadline_problem = ?,"
                    + " due_date_provisional = ?, calendar_version = ?, deadline_note = ?"
                    + " WHERE card_id = ?");
        PreparedStatement history =
            connection.prepareStatement(
                "INSERT INTO production_order_deadline_change (card_id, changed_at, old_due_date,"
                    + " new_due_date, old_calendar_version, new_calendar_version, reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Order order : orders) {
        OrderDeadline deadline = OrderDeadline.of(deadlines, order.channel(), order.applied());
        if (!deadline.differsFrom(order.due(), order.version())) {
          continue;
        }
        update.setObject(1, deadline.dueDate() == null ? null : Date.valueOf(deadline.dueDate()));
        update.setString(2, deadline.rule());
        update.setString(3, deadline.problem());
        update.setBoolean(4, deadline.provisional());
        update.setString(5, deadline.calendarVersion());
        update.setString(6, deadline.note());
        update.setString(7, order.cardId());
        update.addBatch();
        history.setString(1, order.cardId());
        history.setTimestamp(2, now);
        history.setObject(3, order.due() == null ? null : Date.valueOf(order.due()));
        history.setObject(4, deadline.dueDate() == null ? null : Date.valueOf(deadline.dueDate()));
        history.setString(5, order.version());
        history.setString(6, deadline.calendarVersion());
        history.setString(7, reason);
        history.addBatch();
        changed++;
      }
      if (changed > 0) {
        update.executeBatch();
        history.executeBatch();
      }
    }
    return changed;
  }
}
