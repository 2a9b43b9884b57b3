package cn.bj.hrss.card.consumer.deadletter;

import cn.bj.hrss.card.consumer.Jdbc;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Entry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The service's record of its dead letters: {@code parked_card} (which cards wait behind one) and
 * {@code dead_letter} (an index of the topic's records: where, why, done or not). The tables come
 * from card-event-consumer's Flyway location {@code db/card-event-consumer} (ADR 26).
 */
final class DeadLetterStore {

  private static final String COLUMNS =
      "dlt_partition, dlt_offset, card_id, reason, event_type, event_version, sequence,"
          + " source_topic, source_partition, source_offset, dead_lettered_at, done_at, outcome";

  private final DataSource dataSource;

  DeadLetterStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  long waitingCount() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM dead_letter WHERE done_at IS NULL");
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  Set<String> parked(Collection<String> cardIds) throws SQLException {
    Set<String> distinct = new HashSet<>(cardIds);
    distinct.remove(null);
    if (distinct.isEmpty()) {
      return Set.of();
    }
    Set<String> parked = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT card_id FROM parked_card WHERE card_id = ANY(?)")) {
      Array ids = connection.createArrayOf("varchar", distinct.toArray());
      statement.setArray(1, ids);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          parked.add(rows.getString(1));
        }
      }
    }
    return parked;
  }

  /** Indexes one dead letter (in the caller's transaction). */
  static void index(Connection connection, Entry entry) throws SQLException {
    Jdbc.update(
        connection,
        "INSERT INTO dead_letter (dlt_partition, dlt_offset, card_id, reason, event_type,"
            + " event_version, sequence, source_topic, source_partition, source_offset,"
            + " dead_lettered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entry.partition(),
        entry.offset(),
        entry.cardId(),
        entry.reason(),
        entry.eventType(),
        entry.eventVersion(),
        entry.sequence(),
        entry.sourceTopic(),
        entry.sourcePartition(),
        entry.sourceOffset(),
        Timestamp.from(entry.deadLetteredAt()));
  }

  /** Parks a card that is not parked yet (in the caller's transaction). */
  static void park(Connection connection, String cardId, String reason, Instant at)
      throws SQLException {
    Jdbc.update(
        connection,
        "INSERT INTO parked_card (card_id, reason, parked_at) VALUES (?, ?, ?)",
        cardId,
        reason,
        Timestamp.from(at));
  }

  static void reparkWith(Connection connection, String cardId, String reason) throws SQLException {
    Jdbc.update(connection, "UPDATE parked_card SET reason = ? WHERE card_id = ?", reason, cardId);
  }

  static void unpark(Connection connection, String cardId) throws SQLException {
    Jdbc.update(connection, "DELETE FROM parked_card WHERE card_id = ?", cardId);
  }

  /** Locks the card's parked row, if any, and returns its reason (null: not parked). */
  static String lockParked(Connection connection, String cardId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT reason FROM parked_card WHERE card_id = ? FOR UPDATE")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  List<Entry> list(String cardId, boolean all) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM dead_letter WHERE (CAST(? AS VARCHAR) IS NULL OR card_id = ?)"
                    + " AND (? OR done_at IS NULL) ORDER BY dlt_partition, dlt_offset")) {
      statement.setString(1, cardId);
      statement.setString(2, cardId);
      statement.setBoolean(3, all);
      return entries(statement);
    }
  }

  /** A card's waiting dead letters, in order (in the caller's transaction). */
  static List<Entry> waiting(Connection connection, String cardId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM dead_letter WHERE card_id = ? AND done_at IS NULL"
                + " ORDER BY dlt_partition, dlt_offset")) {
      statement.setString(1, cardId);
      return entries(statement);
    }
  }

  /** The cards with waiting dead letters, the one waiting longest first. */
  List<String> waitingCards() throws SQLException {
    List<String> cards = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT card_id FROM dead_letter WHERE done_at IS NULL AND card_id IS NOT NULL"
                    + " GROUP BY card_id ORDER BY min(dlt_offset)");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        cards.add(rows.getString(1));
      }
    }
    return cards;
  }

  /** Marks one waiting dead letter discarded; false if there is no such waiting one. */
  boolean discard(int partition, long offset) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Jdbc.update(
              connection,
              "UPDATE dead_letter SET done_at = ?, outcome = 'DISCARDED'"
                  + " WHERE dlt_partition = ? AND dlt_offset = ? AND done_at IS NULL",
              Timestamp.from(Instant.now()),
              partition,
              offset)
          == 1;
    }
  }

  static void markDone(Connection connection, Entry entry) throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE dead_letter SET done_at = ?, outcome = 'REDRIVEN'"
            + " WHERE dlt_partition = ? AND dlt_offset = ?",
        Timestamp.from(Instant.now()),
        entry.partition(),
        entry.offset());
  }

  static void markFailed(Connection connection, Entry entry, String reason) throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE dead_letter SET reason = ? WHERE dlt_partition = ? AND dlt_offset = ?",
        reason,
        entry.partition(),
        entry.offset());
  }

  private static List<Entry> entries(PreparedStatement statement) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        entries.add(
            new Entry(
                rows.getInt("dlt_partition"),
                rows.getLong("dlt_offset"),
                rows.getString("card_id"),
                rows.getString("reason"),
                rows.getString("event_type"),
                (Integer) rows.getObject("event_version"),
                (Long) rows.getObject("sequence"),
                rows.getString("source_topic"),
                rows.getInt("source_partition"),
                rows.getLong("source_offset"),
                Jdbc.instant(rows, "dead_lettered_at"),
                Jdbc.instant(rows, "done_at"),
                rows.getString("outcome")));
      }
    }
    return entries;
  }
}
