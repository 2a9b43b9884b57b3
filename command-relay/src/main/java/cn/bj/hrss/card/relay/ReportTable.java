package cn.bj.hrss.card.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * A table of stored reports, whatever their kind: their claim and lease, their settling, and the
 * service's queries; the store of {@link CommandDelivery} (ADR 25). The table has the columns
 * {@code report_id, seq, card_id, state ('PENDING' until settled), attempts, next_attempt_at,
 * last_error, outcome_rule, outcome_message, outcome_detail, card_status, decided_at}; the service
 * keeps the rest (its intake, its own queries' SQL, how a row reads), and runs its queries through
 * {@link #select}, {@link #page}, {@link #count} and {@link #update}.
 *
 * @param <R> a stored report
 */
public final class ReportTable<R extends StoredReport> implements ReportRelay.Store<R> {

  /** Reads one row of the table. */
  @FunctionalInterface
  public interface RowReader<R> {
    R read(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;
  private final String table;
  private final RowReader<R> reader;
  private final ToLongFunction<R> seq;

  /**
   * @param table the table's name (a constant of the service, never input)
   * @param seq a report's {@code seq}, the order received
   */
  public ReportTable(
      DataSource dataSource, String table, RowReader<R> reader, ToLongFunction<R> seq) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    this.dataSource = dataSource;
    this.table = table;
    this.reader = reader;
    this.seq = seq;
  }

  /**
   * Takes up to {@code max} reports that are due, those waiting longest first, at most one per card
   * and only a card's earliest pending report (so one card's reports reach application-service in
   * the order received), and leases them: they are not due again for {@code leaseMs}, in case this
   * instance dies with them. Counts the attempt.
   */
  @Override
  public List<R> claimDue(int max, long leaseMs) throws SQLException {
    List<R> claimed = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            prepare(
                connection,
                "UPDATE "
                    + table
                    + " SET attempts = attempts + 1,"
                    + " next_attempt_at = now() + CAST(? AS double precision) * interval '1 millisecond'"
                    + " WHERE report_id IN (SELECT r.report_id FROM "
                    + table
                    + " r WHERE r.state = 'PENDING' AND r.next_attempt_at <= now()"
                    + " AND NOT EXISTS (SELECT 1 FROM "
                    + table
                    + " e WHERE e.card_id = r.card_id AND e.state = 'PENDING' AND e.seq < r.seq)"
                    + " ORDER BY r.next_attempt_at, r.seq LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " RETURNING *",
                leaseMs,
                max);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        claimed.add(reader.read(row));
      }
    }
    claimed.sort((a, b) -> Long.compare(seq.applyAsLong(a), seq.applyAsLong(b)));
    return claimed;
  }

  /**
   * Settles a pending report for good: {@code state} (APPLIED, DUPLICATE, REFUSED), with the
   * outcome; rule, message and detail are cut to the columns' 64, 500 and 1000 characters, so that
   * no answer of application-service can keep a report pending for ever (ADR 25).
   */
  public void settle(
      String reportId, String state, String rule, String message, String detail, String cardStatus)
      throws SQLException {
    update(
        "UPDATE "
            + table
            + " SET state = ?, outcome_rule = ?, outcome_message = ?,"
            + " outcome_detail = ?, card_status = ?, decided_at = now(), last_error = NULL"
            + " WHERE report_id = ? AND state = 'PENDING'",
        state,
        truncate(rule, 64),
        truncate(message, 500),
        truncate(detail, 1000),
        cardStatus,
        reportId);
  }

  /** The attempt did not settle the report: try again after {@code backoffMs}. */
  @Override
  public void retryLater(String reportId, String error, long backoffMs) throws SQLException {
    update(
        "UPDATE "
            + table
            + " SET last_error = ?,"
            + " next_attempt_at = now() + CAST(? AS double precision) * interval '1 millisecond'"
            + " WHERE report_id = ? AND state = 'PENDING'",
        truncate(error, 1000),
        backoffMs,
        reportId);
  }

  /** Claimed but not sent (application-service was seen down in this round): not an attempt. */
  @Override
  public void release(String reportId, long backoffMs) throws SQLException {
    update(
        "UPDATE "
            + table
            + " SET attempts = attempts - 1,"
            + " next_attempt_at = now() + CAST(? AS double precision) * interval '1 millisecond'"
            + " WHERE report_id = ? AND state = 'PENDING'",
        backoffMs,
        reportId);
  }

  /** The reports a query of the service finds, read by the row reader. */
  public List<R> select(String sql, List<?> values) throws SQLException {
    List<R> reports = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values.toArray());
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        reports.add(reader.read(row));
      }
    }
    return reports;
  }

  /**
   * A page of the reports in the order received, filtered on columns.
   *
   * @param columnsAndValues a column's name (a constant of the service), then the value it must
   *     have, for each filter; a null value filters nothing
   */
  public List<R> page(int limit, int offset, String... columnsAndValues) throws SQLException {
    List<Object> values = new ArrayList<>();
    String where = where(columnsAndValues, values);
    values.add(limit);
    values.add(offset);
    return select("SELECT * FROM " + table + where + " ORDER BY seq LIMIT ? OFFSET ?", values);
  }

  /** How many reports the filters of {@link #page} find. */
  public long count(String... columnsAndValues) throws SQLException {
    List<Object> values = new ArrayList<>();
    String sql = "SELECT count(*) FROM " + table + where(columnsAndValues, values);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values.toArray());
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static String where(String[] columnsAndValues, List<Object> values) {
    StringBuilder where = new StringBuilder(" WHERE TRUE");
    for (int i = 0; i + 1 < columnsAndValues.length; i += 2) {
      if (!columnsAndValues[i].matches("[a-z_]+")) {
        throw new IllegalArgumentException("not a column name: " + columnsAndValues[i]);
      }
      if (columnsAndValues[i + 1] != null) {
        where.append(" AND ").append(columnsAndValues[i]).append(" = ?");
        values.add(columnsAndValues[i + 1]);
      }
    }
    return where.toString();
  }

  /** Cuts a text to {@code max} characters. */
  public static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** Runs a statement of the service (an intake's INSERT, say); returns the rows it changed. */
  public int update(String sql, Object... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    List<Object> list = Arrays.asList(values);
    for (int i = 0; i < list.size(); i++) {
      statement.setObject(i + 1, list.get(i));
    }
    return statement;
  }
}
