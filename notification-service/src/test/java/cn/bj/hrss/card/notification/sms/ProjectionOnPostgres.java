package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * notification-service's projection on a real PostgreSQL without Quarkus or Kafka: a live schema of
 * its own, migrated as the service migrates it, the live consumer's way of applying a poll (one
 * transaction, each event claiming its card's position) and card-event-consumer's rebuild's way (a
 * copy {@code <live>_rebuild} with the same tables and the catalogue's rows, positions kept in
 * memory and written once per poll), both by sets as the service does them (ADR 33; one event at a
 * time on request, the way before), and the rebuild's row-by-row comparison ({@code EXCEPT ALL}
 * both ways). The same projection code runs in both, as in the service.
 */
final class ProjectionOnPostgres implements AutoCloseable {

  /** The card topic's tables of the projection (CardEventsProjection's layout). */
  static final List<String> PROJECTION_TABLES =
      List.of("card_event_position", "card_contact", "mobile_change", "sms_message");

  final String live = "notif_" + UUID.randomUUID().toString().substring(0, 8);
  final String copy = live + "_rebuild";
  final SmsProjection projection = new SmsProjection(null, new MessageRecorder(), "secret");
  private final LocalPostgres postgres = LocalInfrastructure.shared().postgres();
  final Connection connection;

  ProjectionOnPostgres() throws SQLException {
    Flyway.configure()
        .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
        .schemas(live)
        .locations("classpath:db/migration", "classpath:db/card-event-consumer")
        .load()
        .migrate();
    connection =
        DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  /**
   * Applies the events as the live consumer does: one transaction per poll of {@code poll}, the
   * positions claimed and the changes made by sets (ADR 33).
   */
  void applyLive(List<EventEnvelope> events, int poll) throws SQLException {
    applyLive(events, poll, true);
  }

  /** The same, by sets or (the way before ADR 33) one event at a time, for the harness. */
  void applyLive(List<EventEnvelope> events, int poll, boolean bySets) throws SQLException {
    searchPath(live);
    connection.setAutoCommit(false);
    for (int from = 0; from < events.size(); from += poll) {
      List<EventEnvelope> batch = events.subList(from, Math.min(events.size(), from + poll));
      if (bySets) {
        projection.changeAll(connection, CardEventPositions.claimAll(connection, batch));
      } else {
        for (EventEnvelope event : batch) {
          CardEventPositions.applyOnce(connection, event, c -> projection.change(c, event));
        }
      }
      connection.commit();
    }
    connection.setAutoCommit(true);
  }

  /** Connections to the live schema. */
  DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    dataSource.setCurrentSchema(live);
    return dataSource;
  }

  /** An empty copy of every table of the live schema, the catalogue with its rows. */
  void createCopy() throws SQLException {
    searchPath(live);
    execute("DROP SCHEMA IF EXISTS " + copy + " CASCADE");
    execute("CREATE SCHEMA " + copy);
    List<String> tables =
        strings(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'",
            live);
    for (String table : tables) {
      execute(
          "CREATE TABLE "
              + copy
              + "."
              + table
              + " (LIKE "
              + live
              + "."
              + table
              + " INCLUDING ALL)");
    }
    for (String table : List.of("sms_template", "bank")) {
      execute("INSERT INTO " + copy + "." + table + " SELECT * FROM " + live + "." + table);
    }
  }

  /**
   * Replays the events into the copy as the rebuild does: one transaction per poll, the poll's
   * changes by sets.
   */
  void replayIntoCopy(List<EventEnvelope> events, int poll) throws SQLException {
    replayIntoCopy(events, poll, true);
  }

  /** The same, by sets or (the way before) one event at a time, for the harness. */
  void replayIntoCopy(List<EventEnvelope> events, int poll, boolean bySets) throws SQLException {
    searchPath(copy);
    connection.setAutoCommit(false);
    Map<String, Long> positions = new HashMap<>();
    for (int from = 0; from < events.size(); from += poll) {
      Map<String, Long> moved = new HashMap<>();
      List<EventEnvelope> next = new ArrayList<>();
      for (EventEnvelope event : events.subList(from, Math.min(events.size(), from + poll))) {
        if (CardEventPositions.isNext(
            event.cardId(), event.sequence(), positions.get(event.cardId()))) {
          next.add(event);
          positions.put(event.cardId(), event.sequence());
          moved.put(event.cardId(), event.sequence());
        }
      }
      if (bySets) {
        projection.changeAll(connection, next);
      } else {
        for (EventEnvelope event : next) {
          projection.change(connection, event);
        }
      }
      CardEventPositions.save(connection, moved);
      connection.commit();
    }
    connection.setAutoCommit(true);
    searchPath(live);
  }

  /**
   * Rows of {@code table} in one schema and not in the other, both ways (every column but the
   * serial id), as the rebuild's comparison counts them.
   */
  long differences(String table) throws SQLException {
    String columns = columns(table);
    String one = "SELECT " + columns + " FROM " + live + "." + table;
    String other = "SELECT " + columns + " FROM " + copy + "." + table;
    return count(
        "(" + one + " EXCEPT ALL " + other + ") UNION ALL (" + other + " EXCEPT ALL " + one + ")");
  }

  long rows(String schema, String table) throws SQLException {
    return count("SELECT * FROM " + schema + "." + table);
  }

  /** One row's columns, as text, of a query with one row. */
  List<String> row(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      if (row.next()) {
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
          values.add(row.getString(i));
        }
      }
      return values;
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private String columns(String table) throws SQLException {
    return String.join(
        ", ",
        strings(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? AND column_name <> 'id' ORDER BY ordinal_position",
            live,
            table));
  }

  /** The first column of every row of {@code sql}, with {@code values} bound in order. */
  private List<String> strings(String sql, String... values) throws SQLException {
    List<String> found = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  private long count(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM (" + sql + ") rows")) {
      row.next();
      return row.getLong(1);
    }
  }

  private void searchPath(String schema) throws SQLException {
    execute("SET search_path TO " + schema);
  }

  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + copy + " CASCADE");
    execute("DROP SCHEMA IF EXISTS " + live + " CASCADE");
    connection.close();
  }
}
