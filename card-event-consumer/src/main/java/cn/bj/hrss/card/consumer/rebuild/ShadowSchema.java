package cn.bj.hrss.card.consumer.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a rebuild into a copy: a service's schema {@code s} gets a sibling {@code s_rebuild}
 * holding an empty copy of every one of its tables (same columns, constraints and index names),
 * reference tables copied with their rows. The replay writes there only. At the switch, the
 * projection tables move: the live ones to {@code s_previous} (kept for comparison until the next
 * rebuild), the rebuilt ones into {@code s}; everything else in {@code s_rebuild} (what the replay
 * wrote to outboxes and feeds) is dropped, so a rebuild has no side effect.
 */
final class ShadowSchema {

  private final String live;
  private final String shadow;
  private final String previous;

  ShadowSchema(String live) {
    if (!live.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain schema name: " + live);
    }
    this.live = live;
    this.shadow = live + ProjectionRebuild.COPY_SUFFIX;
    this.previous = live + "_previous";
  }

  String live() {
    return live;
  }

  String shadow() {
    return shadow;
  }

  String previous() {
    return previous;
  }

  /** Drops a leftover copy, then copies every table of the live schema, empty or with rows. */
  void create(Connection connection, List<String> referenceTables) throws SQLException {
    execute(connection, "DROP SCHEMA IF EXISTS " + shadow + " CASCADE");
    execute(connection, "CREATE SCHEMA " + shadow);
    for (String table : tables(connection)) {
      copyTable(connection, table);
      if (referenceTables.contains(table)) {
        execute(
            connection,
            "INSERT INTO " + shadow + "." + table + " SELECT * FROM " + live + "." + table);
      }
    }
  }

  /** The live schema's tables, without Flyway's history. */
  List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"
                + " ORDER BY table_name")) {
      statement.setString(1, live);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  /**
   * An empty copy with the same names for constraints and indexes (so that later migrations find
   * them after the switch) and its own sequence for a serial column.
   */
  private void copyTable(Connection connection, String table) throws SQLException {
    String source = live + "." + table;
    String target = shadow + "." + table;
    execute(
        connection,
        "CREATE TABLE "
            + target
            + " (LIKE "
            + source
            + " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS)");
    List<String> constraintIndexes = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname")) {
      statement.setString(1, source);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          constraintIndexes.add(rows.getString(1));
          execute(
              connection,
              "ALTER TABLE "
                  + target
                  + " ADD CONSTRAINT "
                  + quote(rows.getString(1))
                  + " "
                  + rows.getString(2));
        }
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?"
                + " ORDER BY indexname")) {
      statement.setString(1, live);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (!constraintIndexes.contains(rows.getString(1))) {
            execute(
                connection,
                rows.getString(2).replace(" ON " + source + " ", " ON " + target + " "));
          }
        }
      }
    }
    for (String column : serialColumns(connection, table)) {
      String sequence = shadow + "." + table + "_" + column + "_seq";
      execute(connection, "CREATE SEQUENCE " + sequence + " OWNED BY " + target + "." + column);
      execute(
          connection,
          "SELECT setval('"
              + sequence
              + "', GREATEST(1, (SELECT last_value FROM "
              + liveSequence(connection, table, column)
              + ")))");
      execute(
          connection,
          "ALTER TABLE "
              + target
              + " ALTER COLUMN "
              + column
              + " SET DEFAULT nextval('"
              + sequence
              + "')");
    }
  }

  /** Columns filled from a sequence by default (serial), not identity columns. */
  private List<String> serialColumns(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? AND column_default LIKE 'nextval(%' ORDER BY column_name")) {
      statement.setString(1, live);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }

  private String liveSequence(Connection connection, String table, String column)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
      statement.setString(1, live + "." + table);
      statement.setString(2, column);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  /**
   * The switch, in the caller's transaction: the live projection tables are locked; rows the replay
   * does not make (kept rows) are copied from the live table into the rebuilt one; then the live
   * tables move to the previous schema and the rebuilt ones take their place.
   */
  void switchOver(
      Connection connection,
      List<String> tables,
      Map<String, String> keptRows,
      List<String> statements)
      throws SQLException {
    for (String table : tables) {
      execute(connection, "LOCK TABLE " + live + "." + table + " IN ACCESS EXCLUSIVE MODE");
    }
    for (Map.Entry<String, String> kept : keptRows.entrySet()) {
      String columns = String.join(", ", comparedColumns(connection, kept.getKey()));
      execute(
          connection,
          "INSERT INTO "
              + shadow
              + "."
              + kept.getKey()
              + " ("
              + columns
              + ") SELECT "
              + columns
              + " FROM "
              + live
              + "."
              + kept.getKey()
              + " WHERE "
              + kept.getValue());
    }
    for (String statement : statements) {
      execute(connection, statement.replace("{copy}", shadow).replace("{live}", live));
    }
    execute(connection, "DROP SCHEMA IF EXISTS " + previous + " CASCADE");
    execute(connection, "CREATE SCHEMA " + previous);
    for (String table : tables) {
      execute(connection, "ALTER TABLE " + live + "." + table + " SET SCHEMA " + previous);
      execute(connection, "ALTER TABLE " + shadow + "." + table + " SET SCHEMA " + live);
    }
    execute(connection, "DROP SCHEMA " + shadow + " CASCADE");
  }

  /**
   * Copies into the copy the live table's rows of every card not listed in {@code rebuiltCards} (a
   * table of the copy), leaving out rows the replay does not make; columns a sequence fills get new
   * values.
   */
  void carryOver(Connection connection, String table, String keptRows, String rebuiltCards)
      throws SQLException {
    String columns = String.join(", ", comparedColumns(connection, table));
    execute(
        connection,
        "INSERT INTO "
            + shadow
            + "."
            + table
            + " ("
            + columns
            + ") SELECT "
            + columns
            + " FROM "
            + live
            + "."
            + table
            + " t WHERE NOT EXISTS (SELECT 1 FROM "
            + shadow
            + "."
            + rebuiltCards
            + " r WHERE r.card_id = t.card_id)"
            + (keptRows == null ? "" : " AND NOT (" + keptRows + ")"));
  }

  /** Drops the copy (a failed or abandoned rebuild). */
  void drop(Connection connection) throws SQLException {
    execute(connection, "DROP SCHEMA IF EXISTS " + shadow + " CASCADE");
  }

  /**
   * Row by row: how the table now live differs from the one it replaced, over every column but
   * those a sequence fills, leaving out rows the replay does not make ({@code keptRows}).
   */
  Comparison compareWithPrevious(Connection connection, String table, String keptRows)
      throws SQLException {
    String columns = String.join(", ", comparedColumns(connection, table));
    String where = keptRows == null ? "" : " WHERE NOT (" + keptRows + ")";
    String now = "SELECT " + columns + " FROM " + live + "." + table + where;
    String before = "SELECT " + columns + " FROM " + previous + "." + table + where;
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM ("
                    + now
                    + ") n), (SELECT count(*) FROM ("
                    + before
                    + ") b), (SELECT count(*) FROM ("
                    + now
                    + " EXCEPT ALL "
                    + before
                    + ") x), (SELECT count(*) FROM ("
                    + before
                    + " EXCEPT ALL "
                    + now
                    + ") y)")) {
      row.next();
      return new Comparison(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
    }
  }

  /** How a rebuilt table compares with the one it replaced. */
  public record Comparison(long rows, long previousRows, long onlyRebuilt, long onlyPrevious) {
    public boolean identical() {
      return onlyRebuilt == 0 && onlyPrevious == 0;
    }
  }

  /** The live table's columns, without those filled by a sequence (identity or serial). */
  private List<String> comparedColumns(Connection connection, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? AND is_identity = 'NO'"
                + " AND (column_default IS NULL OR column_default NOT LIKE 'nextval(%')"
                + " ORDER BY ordinal_position")) {
      statement.setString(1, live);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(quote(rows.getString(1)));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new SQLException("no table " + live + "." + table);
    }
    return columns;
  }

  /** The per-card positions of the live projection, for the given cards. */
  Map<String, Long> livePositions(Connection connection, List<String> cardIds) throws SQLException {
    return positions(connection, live, cardIds);
  }

  /** The copy's positions of these cards (the ones it has applied events of). */
  Map<String, Long> copyPositions(Connection connection, List<String> cardIds) throws SQLException {
    return positions(connection, shadow, cardIds);
  }

  private static Map<String, Long> positions(
      Connection connection, String schema, List<String> cardIds) throws SQLException {
    Map<String, Long> positions = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT card_id, last_sequence FROM "
                + schema
                + ".card_event_position WHERE card_id = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("varchar", cardIds.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          positions.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return positions;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
