package cn.bj.hrss.card.bank.report;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import cn.bj.hrss.card.relay.ReportTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
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
public class BankReports {

  /** A stored report, and whether it was stored now (false: its reference was received before). */
  public record Received(BankReport report, boolean isNew) {}

  static final List<String> STATES = List.of("PENDING", "APPLIED", "DUPLICATE", "REFUSED");

  private final ReportTable<BankReport> table;

  BankReports(DataSource dataSource) {
    this.table = new ReportTable<>(dataSource, "bank_report", BankReports::read, BankReport::seq);
  }

  /**
   * Stores the report. A reference this bank sent before with the same facts gives the earlier
   * report; with other facts it is refused (REPORT-REFERENCE).
   */
  public Received receive(String bankCode, ReportLine line) throws SQLException {
    String reportId = UUID.randomUUID().toString();
    int inserted =
        table.update(
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
        table
            .select(
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
    return table.select("SELECT * FROM bank_report WHERE report_id = ?", List.of(reportId)).stream()
        .findFirst();
  }

  /** Reports in the order received, filtered by bank and state when given. */
  public List<BankReport> list(String bankCode, String state, int limit, int offset)
      throws SQLException {
    return table.page(limit, offset, "bank_code", bankCode, "state", state);
  }

  public long count(String bankCode, String state) throws SQLException {
    return table.count("bank_code", bankCode, "state", state);
  }

  /** How many reports are in each state, for one bank or all. */
  public Map<String, Long> countByState(String bankCode) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : STATES) {
      counts.put(state, count(bankCode, state));
    }
    return counts;
  }

  /** The claim, lease and settling of {@code bank_report}, for {@link ReportDelivery}. */
  ReportTable<BankReport> table() {
    return table;
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
