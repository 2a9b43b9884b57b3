package cn.bj.hrss.card.production.factory;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.production.order.ProductionOrder;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import cn.bj.hrss.card.relay.ReportTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The factory reports, stored as received and kept until application-service has settled each of
 * them (the {@code factory_report} table). Receiving stores; {@link ReportDelivery} delivers.
 */
@ApplicationScoped
public class FactoryReports {

  private static final String INSERT =
      "INSERT INTO factory_report (report_id, factory_id, reference, card_id, kind, card_number,"
          + " reason, method, tracking_number, outlet_name, received_at, state, next_attempt_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 'PENDING', now())"
          + " ON CONFLICT ON CONSTRAINT factory_report_reference DO NOTHING";

  private final DataSource dataSource;
  private final ReportTable<FactoryReport> table;

  FactoryReports(DataSource dataSource) {
    this.dataSource = dataSource;
    this.table =
        new ReportTable<>(dataSource, "factory_report", FactoryReports::read, FactoryReport::seq);
  }

  /**
   * The answer to a report on a card that has no order assigned to the factory (S-FACTORY-1): the
   * very answer to an order that is not there ({@code GET /production-orders/{id}}), so that it
   * tells nothing about another factory's cards.
   */
  public static final ApiError NO_ORDER = new ApiError("NOT-FOUND", "未找到。", "no production order");

  /** The answer to a report on the factory's own order after the application was withdrawn. */
  public static final ApiError WITHDRAWN =
      new ApiError(
          "S-WITHDRAW-1",
          "该申领已撤回，无需制卡或寄送。",
          "the application was withdrawn before production; the order is closed");

  /** The answer to a report on the factory's own order after the card was cancelled. */
  public static final ApiError CANCELLED =
      new ApiError(
          "S-END-1", "该卡已注销，无需制卡或寄送。", "the card was cancelled; every pending step stopped");

  /** Whether {@code error} refuses a report because its order is closed (a 409, not a 400). */
  public static boolean closed(ApiError error) {
    return WITHDRAWN.equals(error) || CANCELLED.equals(error);
  }

  /**
   * Stores the valid lines of a batch, in their order, in one transaction; an invalid line is
   * rejected on its own and the others are stored. A line on a card whose order is not assigned to
   * the factory is rejected like a card that is not there ({@link #NO_ORDER}), and nothing of it is
   * stored (S-FACTORY-1); so is a line on its order once closed ({@link #WITHDRAWN}, {@link
   * #CANCELLED}), with the rule that closed it. A line whose reference this factory sent before
   * with the same facts is not stored again.
   */
  @Transactional(rollbackOn = Exception.class)
  public Receipt receive(String factoryId, List<ReportLine> lines) throws SQLException {
    FactoryReportRules.checkFactory(factoryId);
    Receipt.Line[] results = new Receipt.Line[lines.size()];
    List<Integer> valid = new ArrayList<>();
    List<ReportLine> validLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      try {
        validLines.add(FactoryReportRules.check(lines.get(i)));
        valid.add(i);
      } catch (Refusal invalid) {
        results[i] = new Receipt.Line(i, null, "REJECTED", invalid.error());
      }
    }
    List<Integer> batched = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<ReportLine> checked = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      Map<String, String> own = ownOrders(connection, factoryId, validLines);
      for (int v = 0; v < valid.size(); v++) {
        int i = valid.get(v);
        ReportLine line = validLines.get(v);
        ApiError refused = refusal(own.get(line.cardId()));
        if (refused != null) {
          results[i] = new Receipt.Line(i, null, "REJECTED", refused);
          continue;
        }
        String reportId = UUID.randomUUID().toString();
        bind(insert, reportId, factoryId, line);
        insert.addBatch();
        batched.add(i);
        ids.add(reportId);
        checked.add(line);
      }
      int[] inserted = batched.isEmpty() ? new int[0] : insert.executeBatch();
      Map<String, FactoryReport> earlier =
          earlierByReference(connection, factoryId, checked, inserted);
      for (int b = 0; b < batched.size(); b++) {
        int i = batched.get(b);
        if (inserted[b] == 1) {
          results[i] = new Receipt.Line(i, ids.get(b), "RECEIVED", null);
          continue;
        }
        FactoryReport before = earlier.get(checked.get(b).reference());
        results[i] =
            before.sameFactsAs(factoryId, checked.get(b))
                ? new Receipt.Line(i, before.reportId(), "ALREADY_RECEIVED", null)
                : new Receipt.Line(
                    i,
                    before.reportId(),
                    "REJECTED",
                    new ApiError(
                        "REPORT-REFERENCE",
                        "该报告编号已用于另一份报告。",
                        "reference "
                            + before.reference()
                            + " was already used by report "
                            + before.reportId()
                            + " with other facts"));
      }
    }
    List<Receipt.Line> all = List.of(results);
    return new Receipt(
        count(all, "RECEIVED"), count(all, "ALREADY_RECEIVED"), count(all, "REJECTED"), all);
  }

  /** Why a report on an order in {@code status} is refused; null when it may be stored. */
  private static ApiError refusal(String status) {
    if (status == null) {
      return NO_ORDER;
    }
    return switch (status) {
      case ProductionOrder.WITHDRAWN -> WITHDRAWN;
      case ProductionOrder.CANCELLED -> CANCELLED;
      default -> null;
    };
  }

  /**
   * Of the lines' cards, those whose order is assigned to the factory (S-FACTORY-1), with the
   * order's status.
   */
  private static Map<String, String> ownOrders(
      Connection connection, String factoryId, List<ReportLine> lines) throws SQLException {
    Map<String, String> own = new HashMap<>();
    if (lines.isEmpty()) {
      return own;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT card_id, status FROM production_order WHERE card_id = ANY (?)"
                + " AND factories @> ARRAY[CAST(? AS varchar)]")) {
      select.setArray(
          1,
          connection.createArrayOf(
              "varchar", lines.stream().map(ReportLine::cardId).distinct().toArray()));
      select.setString(2, factoryId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          own.put(row.getString(1), row.getString(2));
        }
      }
    }
    return own;
  }

  private static int count(List<Receipt.Line> lines, String outcome) {
    return (int) lines.stream().filter(l -> l.outcome().equals(outcome)).count();
  }

  private static void bind(
      PreparedStatement insert, String reportId, String factoryId, ReportLine line)
      throws SQLException {
    insert.setString(1, reportId);
    insert.setString(2, factoryId);
    insert.setString(3, line.reference());
    insert.setString(4, line.cardId());
    insert.setString(5, line.kind());
    insert.setString(6, line.cardNumber());
    insert.setString(7, line.reason());
    insert.setString(8, line.method());
    insert.setString(9, line.trackingNumber());
    insert.setString(10, line.outletName());
  }

  /** The stored reports of the references that were not inserted (received before). */
  private Map<String, FactoryReport> earlierByReference(
      Connection connection, String factoryId, List<ReportLine> lines, int[] inserted)
      throws SQLException {
    List<String> references = new ArrayList<>();
    for (int b = 0; b < lines.size(); b++) {
      if (inserted[b] != 1) {
        references.add(lines.get(b).reference());
      }
    }
    Map<String, FactoryReport> found = new HashMap<>();
    if (references.isEmpty()) {
      return found;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT * FROM factory_report WHERE factory_id = ? AND reference = ANY (?)")) {
      select.setString(1, factoryId);
      select.setArray(2, connection.createArrayOf("varchar", references.toArray()));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          FactoryReport report = read(row);
          found.put(report.reference(), report);
        }
      }
    }
    return found;
  }

  public Optional<FactoryReport> find(String reportId) throws SQLException {
    return table
        .select("SELECT * FROM factory_report WHERE report_id = ?", List.of(reportId))
        .stream()
        .findFirst();
  }

  /** Reports in the order received, filtered by state, factory and card when given. */
  public List<FactoryReport> list(
      String state, String factoryId, String cardId, int limit, int offset) throws SQLException {
    return table.page(limit, offset, "state", state, "factory_id", factoryId, "card_id", cardId);
  }

  public long count(String state, String factoryId, String cardId) throws SQLException {
    return table.count("state", state, "factory_id", factoryId, "card_id", cardId);
  }

  /** How many reports are in each state. */
  public Map<String, Long> countByState() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : List.of("PENDING", "APPLIED", "DUPLICATE", "REFUSED")) {
      counts.put(state, 0L);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT state, count(*) FROM factory_report GROUP BY state");
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        counts.put(row.getString(1), row.getLong(2));
      }
    }
    return counts;
  }

  /** The table's claim, lease and settling, for the delivery ({@link ReportDelivery}). */
  ReportTable<FactoryReport> table() {
    return table;
  }

  private static FactoryReport read(ResultSet row) throws SQLException {
    return new FactoryReport(
        row.getString("report_id"),
        row.getLong("seq"),
        row.getString("factory_id"),
        row.getString("reference"),
        row.getString("card_id"),
        row.getString("kind"),
        row.getString("card_number"),
        row.getString("reason"),
        row.getString("method"),
        row.getString("tracking_number"),
        row.getString("outlet_name"),
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
