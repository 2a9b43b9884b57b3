package cn.bj.hrss.card.bank.report;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import cn.bj.hrss.card.relay.ReportRelay;
import cn.bj.hrss.card.relay.ReportTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The banks' reports, stored as received and kept until application-service settled each of them
 * ({@code bank_report}). Receiving stores; {@link ReportDelivery} delivers.
 */
@ApplicationScoped
public class BankReports implements ReportRelay.Store<BankReport> {

  /** A stored report, and whether it was stored now (false: its reference was received before). */
  public record Received(BankReport report, boolean isNew) {}

  static final List<String> STATES = List.of("PENDING", "APPLIED", "DUPLICATE", "REFUSED");

  private final DataSource dataSource;
  private final ReportTable<BankReport> table;

  BankReports(DataSource dataSource) {
    this.dataSource = dataSource;
    this.table = new ReportTable<>(dataSource, "bank_report", BankReports::read, BankReport::seq);
  }

  /**
   * Stores the report. A reference this bank sent before with the same facts gives the earlier
   * report; with other facts it is refused (REPORT-REFERENCE).
   */
  public Received receive(String bankCode, ReportLine line) throws SQLException {
    String reportId = UUID.randomUUID().toString();
    int inserted =
        update(
            "INSERT INTO bank_report (report_id, bank_code, reference, card_id, kind, channel,"
                + " outlet_name, method, card_number, received_at, state, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 'PENDING', now())"
                + " ON CONFLICT ON CONSTRAINT bank_report_reference DO NOTHING",
            reportId,
            bankCode,
            line.reference(),
            line.cardId(),
            line.kind().name(),
            line.channel(),
            line.outletName(),
            line.method(),
            line.cardNumber());
    if (inserted == 1) {
      return new Received(find(reportId).orElseThrow(), true);
    }
    BankReport before =
        select(
                "SELECT * FROM bank_report WHERE bank_code = ? AND reference = ?",
                List.of(bankCode, line.reference()))
            .get(0);
    if (!before.sameFactsAs(line)) {
      throw new Refusal(
          409,
          new ApiError(
              "REPORT-REFERENCE",
              "该报告编号已用于另一份报告。",
              "reference " + line.reference() + " was already used with other facts"));
    }
    return new Received(before, false);
  }

  public Optional<BankReport> find(String reportId) throws SQLException {
    return select("SELECT * FROM bank_report WHERE report_id = ?", List.of(reportId)).stream()
        .findFirst();
  }

  /** Reports in the order received, filtered by bank and state when given. */
  public List<BankReport> list(String bankCode, String state, int limit, int offset)
      throws SQLException {
    List<Object> values = new ArrayList<>();
    String where = where(bankCode, state, values);
    values.add(limit);
    values.add(offset);
    return select("SELECT * FROM bank_report" + where + " ORDER BY seq LIMIT ? OFFSET ?", values);
  }

  public long count(String bankCode, String state) throws SQLException {
    List<Object> values = new ArrayList<>();
    String sql = "SELECT count(*) FROM bank_report" + where(bankCode, state, values);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /** How many reports are in each state, for one bank or all. */
  public Map<String, Long> countByState(String bankCode) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : STATES) {
      counts.put(state, count(bankCode, state));
    }
    return counts;
  }

  private static String where(String bankCode, String state, List<Object> values) {
    StringBuilder where = new StringBuilder(" WHERE TRUE");
    if (bankCode != null) {
      where.append(" AND bank_code = ?");
      values.add(bankCode);
    }
    if (state != null) {
      where.append(" AND state = ?");
      values.add(state);
    }
    return where.toString();
  }

  /**
   * Takes up to {@code max} due reports, those waiting longest first, only a card's earliest
   * pending one, and leases them for {@code leaseMs}; counts the attempt. See {@link ReportTable}.
   */
  @Override
  public List<BankReport> claimDue(int max, long leaseMs) throws SQLException {
    return table.claimDue(max, leaseMs);
  }

  /** application-service recorded the report's fact (now, or in an earlier attempt). */
  public void applied(String reportId, String cardStatus, String detail) throws SQLException {
    table.settle(reportId, "APPLIED", null, null, detail, cardStatus);
  }

  /** The same fact was already recorded by another request: nothing to do, nothing wrong. */
  public void duplicate(String reportId, String cardStatus, String detail) throws SQLException {
    table.settle(reportId, "DUPLICATE", null, null, detail, cardStatus);
  }

  /** application-service refused the report for good. */
  public void refused(String reportId, ApiError refusal) throws SQLException {
    table.settle(
        reportId,
        "REFUSED",
        ReportTable.truncate(refusal.rule(), 64),
        refusal.message(),
        refusal.detail(),
        null);
  }

  /** The attempt did not settle the report: try again after {@code backoffMs}. */
  @Override
  public void retryLater(String reportId, String error, long backoffMs) throws SQLException {
    table.retryLater(reportId, error, backoffMs);
  }

  /** Claimed but not sent (application-service was seen down in this round): not an attempt. */
  @Override
  public void release(String reportId, long backoffMs) throws SQLException {
    table.release(reportId, backoffMs);
  }

  private int update(String sql, Object... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, Arrays.asList(values))) {
      return statement.executeUpdate();
    }
  }

  private List<BankReport> select(String sql, List<?> values) throws SQLException {
    List<BankReport> reports = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        reports.add(read(row));
      }
    }
    return reports;
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<?> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return statement;
  }

  private static BankReport read(ResultSet row) throws SQLException {
    return new BankReport(
        row.getString("report_id"),
        row.getLong("seq"),
        row.getString("bank_code"),
        row.getString("reference"),
        row.getString("card_id"),
        row.getString("kind"),
        row.getString("channel"),
        row.getString("outlet_name"),
        row.getString("method"),
        row.getString("card_number"),
        instant(row, "received_at"),
        row.getString("state"),
        row.getInt("attempts"),
        instant(row, "next_attempt_at"),
        row.getString("last_error"),
        row.getString("outcome_rule"),
        row.getString("outcome_message"),
        row.getString("outcome_detail"),
        row.getString("card_status"),
        instant(row, "decided_at"));
  }
}
