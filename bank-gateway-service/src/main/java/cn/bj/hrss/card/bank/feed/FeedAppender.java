package cn.bj.hrss.card.bank.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;

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
    List<BankMessage> ordered =
        messages.stream().sorted(Comparator.comparing(BankMessage::bankCode)).toList();
    for (BankMessage message : ordered) {
      if (exists(connection, message.messageId())) {
        continue; // derived before (a replay): the feed keeps the message at its first position
      }
      long position = nextPosition(connection, message);
      BankMessage placed = message.at(position);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO bank_feed_message (bank_code, position, message_id, message_type,"
                  + " card_id, card_sequence, occurred_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, placed.bankCode());
        insert.setLong(2, position);
        insert.setString(3, placed.messageId());
        insert.setString(4, placed.messageType());
        insert.setString(5, placed.cardId());
        insert.setLong(6, placed.cardSequence());
        insert.setTimestamp(7, Timestamp.from(placed.occurredAt()));
        insert.setString(8, BankMessageCodec.encode(placed));
        insert.executeUpdate();
      }
    }
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
