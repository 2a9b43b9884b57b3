package cn.bj.hrss.card.notification.sending;

import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.notification.gateway.SmsGateway.Receipt;
import cn.bj.hrss.card.notification.sms.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox table's state changes, each in its own short transaction (never around a call to the
 * gateway). Several senders may run (several instances): a claimed message is leased to one of them
 * ({@code FOR UPDATE SKIP LOCKED}), and the per-phone count is taken under a lock on the phone, so
 * that two senders cannot both pass the limit.
 */
@ApplicationScoped
public class Outbox {

  /** A message claimed for one attempt. */
  public record Claimed(
      UUID messageId, String mobile, String signature, String text, int attempt) {}

  private final DataSource dataSource;

  Outbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims the messages due now, oldest first. A message to a phone that already had {@code
   * perPhone} first attempts within {@code window} is not claimed: it waits until the oldest of
   * those leaves the window (it is delayed, never dropped). A retry does not count again.
   */
  @Transactional(rollbackOn = Exception.class)
  public List<Claimed> claimDue(
      Instant now, int batchSize, int perPhone, Duration window, Duration lease)
      throws SQLException {
    List<Claimed> claimed = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      List<Object[]> due = new ArrayList<>();
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT message_id, recipient_mobile, signature, text, attempts, first_attempt_at"
                  + " FROM sms_outbox WHERE status = 'QUEUED' AND next_attempt_at <= ?"
                  + " AND (lease_until IS NULL OR lease_until <= ?)"
                  + " ORDER BY next_attempt_at, queued_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
        statement.setTimestamp(1, Timestamp.from(now));
        statement.setTimestamp(2, Timestamp.from(now));
        statement.setInt(3, batchSize);
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            due.add(
                new Object[] {
                  row.getObject("message_id", UUID.class),
                  row.getString("recipient_mobile"),
                  row.getString("signature"),
                  row.getString("text"),
                  row.getInt("attempts"),
                  row.getTimestamp("first_attempt_at")
                });
          }
        }
      }
      for (Object[] message : due) {
        UUID id = (UUID) message[0];
        String mobile = (String) message[1];
        if (message[5] == null) {
          Instant waitUntil = rateLimited(connection, mobile, now, perPhone, window);
          if (waitUntil != null) {
            update(
                connection,
                "UPDATE sms_outbox SET next_attempt_at = ?, last_error = ? WHERE message_id = ?",
                Timestamp.from(waitUntil),
                "waiting: at most "
                    + perPhone
                    + " messages per "
                    + window
                    + " to "
                    + Masking.mobile(mobile),
                id);
            continue;
          }
        }
        update(
            connection,
            "UPDATE sms_outbox SET attempts = attempts + 1,"
                + " first_attempt_at = COALESCE(first_attempt_at, ?), lease_until = ?"
                + " WHERE message_id = ?",
            Timestamp.from(now),
            Timestamp.from(now.plus(lease)),
            id);
        claimed.add(
            new Claimed(
                id, mobile, (String) message[2], (String) message[3], (int) message[4] + 1));
      }
    }
    return claimed;
  }

  /** When a new message to {@code mobile} may go, or null if it may go now. */
  private static Instant rateLimited(
      Connection connection, String mobile, Instant now, int perPhone, Duration window)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      lock.setString(1, "sms-phone|" + mobile);
      lock.execute();
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT first_attempt_at FROM sms_outbox WHERE recipient_mobile = ?"
                + " AND first_attempt_at > ? ORDER BY first_attempt_at")) {
      statement.setString(1, mobile);
      statement.setTimestamp(2, Timestamp.from(now.minus(window)));
      List<Instant> recent = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          recent.add(row.getTimestamp(1).toInstant());
        }
      }
      return PhoneRateLimit.waitUntil(recent, perPhone, window);
    }
  }

  @Transactional(rollbackOn = Exception.class)
  public void sent(UUID messageId, String gatewayMessageId, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      update(
          connection,
          "UPDATE sms_outbox SET status = 'SENT', sent_at = ?, gateway_message_id = ?,"
              + " lease_until = NULL, last_error = NULL WHERE message_id = ?",
          Timestamp.from(at),
          gatewayMessageId,
          messageId);
    }
  }

  @Transactional(rollbackOn = Exception.class)
  public void retryAt(UUID messageId, String reason, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      update(
          connection,
          "UPDATE sms_outbox SET next_attempt_at = ?, lease_until = NULL, last_error = ?"
              + " WHERE message_id = ?",
          Timestamp.from(at),
          reason,
          messageId);
    }
  }

  /** Ends a message without sending it: REJECTED, FAILED or BLOCKED, with the reason. */
  @Transactional(rollbackOn = Exception.class)
  public void finish(UUID messageId, String status, String reason) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      update(
          connection,
          "UPDATE sms_outbox SET status = ?, lease_until = NULL, last_error = ? WHERE message_id = ?",
          status,
          reason,
          messageId);
    }
  }

  /** The sequence number of the last receipt read from {@code gateway}. */
  @Transactional(rollbackOn = Exception.class)
  public long receiptCursor(String gateway) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT last_seq FROM gateway_receipt_cursor WHERE gateway = ?")) {
      statement.setString(1, gateway);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  /** Records receipts (the first one per message counts) and moves the cursor to {@code last}. */
  @Transactional(rollbackOn = Exception.class)
  public void recordReceipts(String gateway, List<Receipt> receipts, long last)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      for (Receipt receipt : receipts) {
        update(
            connection,
            "INSERT INTO sms_receipt (message_id, gateway_message_id, status, reported_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING",
            UUID.fromString(receipt.messageId()),
            receipt.gatewayMessageId(),
            receipt.status(),
            Timestamp.from(receipt.reportedAt()));
      }
      update(
          connection,
          "INSERT INTO gateway_receipt_cursor (gateway, last_seq) VALUES (?, ?) ON CONFLICT"
              + " (gateway) DO UPDATE SET last_seq = GREATEST(gateway_receipt_cursor.last_seq,"
              + " EXCLUDED.last_seq)",
          gateway,
          last);
    }
  }
}
