package cn.bj.hrss.card.bank.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends messages to their banks' feeds, in the transaction that applies the card event (so the
 * feed, the projection and the card's position commit together; the Kafka topics are fed from the
 * feed afterwards, never by a second write). Each bank's position is taken by incrementing its
 * {@code bank_feed} row, whose lock is held to the commit: positions are gapless and become visible
 * in position order, so a reader "from position N" never skips one that commits later. Banks are
 * locked in code order, so two events touching the same two banks cannot deadlock; a transaction
 * that applies several events (ADR 18) first locks every bank's feed in code order ({@link
 * #lockEveryFeed}), since its events reach the banks in event order.
 */
public final class FeedAppender {

  private FeedAppender() {}

  public static void append(Connection connection, List<BankMessage> messages) throws SQLException {
    for (BankMessage message : inBankOrder(messages)) {
      if (exists(connection, message.messageId())) {
        continue; // derived before (a replay): the feed keeps the message at its first position
      }
      long position = nextPosition(connection, message);
      BankMessage placed = message.at(position);
      try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
        bind(insert, placed);
        insert.executeUpdate();
      }
    }
  }

  /**
   * {@link #append} for several events' messages (each event's list, in event order), by sets (ADR
   * 33): the messages derived before are found in one statement, the banks' positions read once
   * (locked since the batch's start, {@link #lockEveryFeed}) and handed out in memory in the order
   * {@link #append} would, the messages inserted in one batch and the feeds' rows written in one
   * more. A bank's first feed row made meanwhile by another transaction makes the insert fail on
   * (bank_code, position): the batch is rolled back and applied one event at a time (ADR 18).
   */
  public static void appendAll(Connection connection, List<List<BankMessage>> perEvent)
      throws SQLException {
    List<BankMessage> ordered = new ArrayList<>();
    perEvent.forEach(messages -> ordered.addAll(inBankOrder(messages)));
    if (ordered.isEmpty()) {
      return;
    }
    Set<String> placedBefore =
        strings(
            connection,
            "SELECT message_id FROM bank_feed_message WHERE message_id = ANY(?)",
            ordered.stream().map(BankMessage::messageId).toArray());
    Map<String, Long> last = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT bank_code, last_position FROM bank_feed WHERE bank_code = ANY(?)"
                + " ORDER BY bank_code FOR UPDATE")) {
      select.setArray(
          1,
          connection.createArrayOf(
              "varchar", ordered.stream().map(BankMessage::bankCode).distinct().toArray()));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          last.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    Map<String, Instant> lastAt = new TreeMap<>();
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
      for (BankMessage message : ordered) {
        if (!placedBefore.add(message.messageId())) {
          continue; // derived before: the feed keeps the message at its first position
        }
        BankMessage placed = message.at(last.merge(message.bankCode(), 1L, Long::sum));
        bind(insert, placed);
        insert.addBatch();
        lastAt.put(placed.bankCode(), placed.occurredAt());
      }
      insert.executeBatch();
    }
    try (PreparedStatement feed =
        connection.prepareStatement(
            "INSERT INTO bank_feed (bank_code, last_position, last_message_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (bank_code) DO UPDATE SET"
                + " last_position = EXCLUDED.last_position,"
                + " last_message_at = EXCLUDED.last_message_at")) {
      for (Map.Entry<String, Instant> bank : lastAt.entrySet()) {
        feed.setString(1, bank.getKey());
        feed.setLong(2, last.get(bank.getKey()));
        feed.setTimestamp(3, Timestamp.from(bank.getValue()));
        feed.addBatch();
      }
      feed.executeBatch();
    }
  }

  private static final String INSERT_MESSAGE =
      "INSERT INTO bank_feed_message (bank_code, position, message_id, message_type,"
          + " card_id, card_sequence, occurred_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static void bind(PreparedStatement insert, BankMessage placed) throws SQLException {
    insert.setString(1, placed.bankCode());
    insert.setLong(2, placed.position());
    insert.setString(3, placed.messageId());
    insert.setString(4, placed.messageType());
    insert.setString(5, placed.cardId());
    insert.setLong(6, placed.cardSequence());
    insert.setTimestamp(7, Timestamp.from(placed.occurredAt()));
    insert.setString(8, BankMessageCodec.encode(placed));
  }

  /** An event's messages in bank code order, as their feeds are locked. */
  private static List<BankMessage> inBankOrder(List<BankMessage> messages) {
    return messages.stream().sorted(Comparator.comparing(BankMessage::bankCode)).toList();
  }

  private static Set<String> strings(Connection connection, String sql, Object[] values)
      throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("varchar", values));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  /**
   * Locks every bank's feed position, in code order, until the commit: the first statement of a
   * transaction that applies several card events. A bank whose feed has no row yet (its first
   * message ever) is locked when the row is made.
   */
  public static void lockEveryFeed(Connection connection) throws SQLException {
    try (PreparedStatement lock =
            connection.prepareStatement(
                "SELECT bank_code FROM bank_feed ORDER BY bank_code FOR UPDATE");
        ResultSet rows = lock.executeQuery()) {
      while (rows.next()) {
        // each row read is locked
      }
    }
  }

  private static boolean exists(Connection connection, String messageId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM bank_feed_message WHERE message_id = ?")) {
      select.setString(1, messageId);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  private static long nextPosition(Connection connection, BankMessage message) throws SQLException {
    try (PreparedStatement next =
        connection.prepareStatement(
            "INSERT INTO bank_feed (bank_code, last_position, last_message_at) VALUES (?, 1, ?)"
                + " ON CONFLICT (bank_code) DO UPDATE SET"
                + " last_position = bank_feed.last_position + 1,"
                + " last_message_at = EXCLUDED.last_message_at"
                + " RETURNING last_position")) {
      next.setString(1, message.bankCode());
      next.setTimestamp(2, Timestamp.from(message.occurredAt()));
      try (ResultSet row = next.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
