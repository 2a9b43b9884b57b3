package cn.bj.hrss.card.production.factory;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.refusal.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Which factories produce which bank's cards (S-FACTORY-1, ADR 24): this service's reference data,
 * in {@code factory_assignment}. Every order is assigned to the factories of its bank ({@code
 * production_order.factories}); a factory acts on, reads and lists only its own orders. An operator
 * replaces a bank's factories or adds one; each change is audited (who, when, before and after,
 * why) and moves every order of the bank with it, in one transaction.
 */
@ApplicationScoped
public class FactoryAssignments {

  /**
   * The factories of the bank bound to the {@code ?}, in SQL: sorted (byte order, so that the live
   * projection and a rebuild write the same array), an empty array when the bank has none.
   */
  public static final String FACTORIES_OF_BANK =
      "ARRAY(SELECT a.factory_id FROM factory_assignment a WHERE a.bank_code = ?"
          + " ORDER BY a.factory_id COLLATE \"C\")";

  static final int MAX_FACTORIES = 20;
  static final int MAX_REASON = 400;
  private static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9]{2,16}");

  /** A bank's factories now. */
  public record BankFactories(String bankCode, List<String> factories) {}

  /**
   * One change of a bank's factories, as audited.
   *
   * @param changedBy the operator (the token's subject)
   * @param ordersReassigned how many of the bank's orders moved with the change
   */
  public record Change(
      String bankCode,
      Instant changedAt,
      String changedBy,
      List<String> oldFactories,
      List<String> newFactories,
      String reason,
      long ordersReassigned) {}

  private final DataSource dataSource;

  FactoryAssignments(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Taken by whoever writes a bank's factories onto an order (the card events' projection), in its
   * transaction: an operator's change waits for it to commit and it for the change, so that no
   * order is written with the factories a change has just replaced.
   */
  public static void lockForReading(Connection connection) throws SQLException {
    try (Statement lock = connection.createStatement()) {
      lock.execute("LOCK TABLE factory_assignment IN SHARE MODE");
    }
  }

  /** Every bank that has factories, by bank code. */
  public List<BankFactories> all() throws SQLException {
    Map<String, List<String>> banks = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT bank_code, factory_id FROM factory_assignment"
                    + " ORDER BY bank_code, factory_id COLLATE \"C\"");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        banks.computeIfAbsent(row.getString(1), b -> new ArrayList<>()).add(row.getString(2));
      }
    }
    List<BankFactories> all = new ArrayList<>();
    banks.forEach((bank, factories) -> all.add(new BankFactories(bank, factories)));
    return all;
  }

  /** The bank's factories; none for a bank without any. */
  public BankFactories of(String bankCode) throws SQLException {
    checkBank(bankCode);
    try (Connection connection = dataSource.getConnection()) {
      return new BankFactories(bankCode, factoriesOf(connection, bankCode));
    }
  }

  /** The changes, oldest first; of one bank when {@code bankCode} is given. */
  public List<Change> changes(String bankCode) throws SQLException {
    List<Change> changes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT * FROM factory_assignment_change"
                    + " WHERE (CAST(? AS varchar) IS NULL OR bank_code = ?)"
                    + " ORDER BY id")) {
      select.setString(1, bankCode);
      select.setString(2, bankCode);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          changes.add(
              new Change(
                  row.getString("bank_code"),
                  instant(row, "changed_at"),
                  row.getString("changed_by"),
                  strings(row.getArray("old_factories")),
                  strings(row.getArray("new_factories")),
                  row.getString("reason"),
                  row.getLong("orders_reassigned")));
        }
      }
    }
    return changes;
  }

  /** From now on the bank's cards are produced by {@code factories} alone. */
  @Transactional(rollbackOn = Exception.class)
  public Change replace(String bankCode, List<String> factories, String reason, String operator)
      throws SQLException {
    if (factories == null || factories.isEmpty() || factories.size() > MAX_FACTORIES) {
      throw Refusal.badRequest(
          "INPUT-FACTORIES",
          "请指定承担该银行制卡的制卡厂（1至" + MAX_FACTORIES + "个）。",
          "factories: 1 to " + MAX_FACTORIES + " factory ids");
    }
    factories.forEach(FactoryReportRules::checkFactory);
    return change(bankCode, reason, operator, old -> new TreeSet<>(factories));
  }

  /** From now on {@code factoryId} produces the bank's cards too. */
  @Transactional(rollbackOn = Exception.class)
  public Change add(String bankCode, String factoryId, String reason, String operator)
      throws SQLException {
    FactoryReportRules.checkFactory(factoryId);
    return change(
        bankCode,
        reason,
        operator,
        old -> {
          TreeSet<String> factories = new TreeSet<>(old);
          factories.add(factoryId);
          return factories;
        });
  }

  private Change change(
      String bankCode, String reason, String operator, UnaryOperator<TreeSet<String>> newFactories)
      throws SQLException {
    checkBank(bankCode);
    if (reason == null || reason.isBlank()) {
      throw Refusal.badRequest("INPUT-MISSING", "请填写变更原因。", "a change names its reason");
    }
    if (reason.length() > MAX_REASON) {
      throw Refusal.badRequest(
          "INPUT-REASON", "变更原因过长。", "the reason is at most " + MAX_REASON + " characters");
    }
    try (Connection connection = dataSource.getConnection()) {
      // The orders' table first: the whole change then falls before a rebuild's switch (which
      // reads the assignment into the rebuilt orders) or after it (on the switched tables). Then
      // the assignment, which waits for the projection's SHARE lock (lockForReading).
      execute(connection, "LOCK TABLE production_order IN ROW EXCLUSIVE MODE");
      execute(connection, "LOCK TABLE factory_assignment IN SHARE ROW EXCLUSIVE MODE");
      List<String> before = factoriesOf(connection, bankCode);
      TreeSet<String> after = newFactories.apply(new TreeSet<>(before));
      Array afterArray = connection.createArrayOf("varchar", after.toArray());
      try (PreparedStatement remove =
          connection.prepareStatement(
              "DELETE FROM factory_assignment WHERE bank_code = ? AND factory_id <> ALL (?)")) {
        remove.setString(1, bankCode);
        remove.setArray(2, afterArray);
        remove.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO factory_assignment (bank_code, factory_id, assigned_at, assigned_by)"
                  + " SELECT ?, f, now(), ? FROM unnest(?::varchar[]) AS f"
                  + " ON CONFLICT (bank_code, factory_id) DO NOTHING")) {
        insert.setString(1, bankCode);
        insert.setString(2, operator);
        insert.setArray(3, afterArray);
        insert.executeUpdate();
      }
      long reassigned;
      try (PreparedStatement orders =
          connection.prepareStatement(
              "UPDATE production_order SET factories = "
                  + FACTORIES_OF_BANK
                  + " WHERE bank_code = ? AND factories IS DISTINCT FROM "
                  + FACTORIES_OF_BANK)) {
        orders.setString(1, bankCode);
        orders.setString(2, bankCode);
        orders.setString(3, bankCode);
        reassigned = orders.executeUpdate();
      }
      List<String> now = factoriesOf(connection, bankCode);
      try (PreparedStatement audit =
          connection.prepareStatement(
              "INSERT INTO factory_assignment_change (bank_code, changed_at, changed_by,"
                  + " old_factories, new_factories, reason, orders_reassigned)"
                  + " VALUES (?, now(), ?, ?, ?, ?, ?) RETURNING changed_at")) {
        audit.setString(1, bankCode);
        audit.setString(2, operator);
        audit.setArray(3, connection.createArrayOf("varchar", before.toArray()));
        audit.setArray(4, connection.createArrayOf("varchar", now.toArray()));
        audit.setString(5, reason);
        audit.setLong(6, reassigned);
        try (ResultSet row = audit.executeQuery()) {
          row.next();
          return new Change(
              bankCode, instant(row, "changed_at"), operator, before, now, reason, reassigned);
        }
      }
    }
  }

  private static List<String> factoriesOf(Connection connection, String bankCode)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + FACTORIES_OF_BANK)) {
      select.setString(1, bankCode);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return strings(row.getArray(1));
      }
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  static void checkBank(String bankCode) {
    if (bankCode == null || !BANK_CODE.matcher(bankCode).matches()) {
      throw Refusal.badRequest(
          "INPUT-BANK-CODE", "银行代码有误。", "a bank code is 2-16 capital letters or digits");
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** For a page of orders: the factories written on them, as a list. */
  public static List<String> factories(ResultSet row) throws SQLException {
    return strings(row.getArray("factories"));
  }
}
