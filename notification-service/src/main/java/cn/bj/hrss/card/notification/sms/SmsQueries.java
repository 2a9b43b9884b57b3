package cn.bj.hrss.card.notification.sms;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The messages as operators see them: what each event decided (sms_message, rebuilt from the
 * stream) joined with what happened on the wire (sms_outbox and sms_receipt, never rebuilt), so a
 * rebuilt projection shows exactly what it showed before.
 */
@ApplicationScoped
public class SmsQueries {

  private static final String SELECT =
      "SELECT m.*, o.status AS outbox_status, o.sent_at, o.last_error,"
          + " r.status AS receipt_status, r.reported_at"
          + " FROM sms_message m"
          + " LEFT JOIN sms_outbox o ON o.message_id = m.message_id"
          + " LEFT JOIN sms_receipt r ON r.message_id = m.message_id";

  /** A blocked message and its card, for operators. */
  public record BlockedMessage(String cardId, SmsMessage message) {}

  private final DataSource dataSource;

  SmsQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<SmsMessage> ofCard(String cardId) throws SQLException {
    List<SmsMessage> messages = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                SELECT
                    + " WHERE m.card_id = ?"
                    + " ORDER BY m.event_occurred_at, m.event_sequence NULLS LAST, m.event_key")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          messages.add(message(row));
        }
      }
    }
    return messages;
  }

  /** The most recent blocked messages, newest first. */
  public List<BlockedMessage> blocked(int limit) throws SQLException {
    List<BlockedMessage> blocked = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                SELECT
                    + " WHERE m.decision = 'BLOCKED' OR o.status = 'BLOCKED'"
                    + " ORDER BY m.event_occurred_at DESC LIMIT ?")) {
      statement.setInt(1, limit);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          blocked.add(new BlockedMessage(row.getString("card_id"), message(row)));
        }
      }
    }
    return blocked;
  }

  private static SmsMessage message(ResultSet row) throws SQLException {
    String decision = row.getString("decision");
    String outbox = row.getString("outbox_status");
    String receipt = row.getString("receipt_status");
    String status =
        MessageRecorder.BLOCKED.equals(decision)
            ? decision
            : receipt != null ? receipt : outbox != null ? outbox : decision;
    String reason =
        row.getString("block_reason") != null
            ? row.getString("block_reason")
            : ("SENT".equals(status) || receipt != null) ? null : row.getString("last_error");
    long sequence = row.getLong("event_sequence");
    return new SmsMessage(
        row.wasNull() ? null : sequence,
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("template"),
        Masking.mobile(row.getString("recipient_mobile")),
        row.getString("signature"),
        row.getString("body"),
        status,
        reason,
        instant(row, "event_occurred_at"),
        instant(row, "sent_at"),
        "DELIVERED".equals(receipt) ? instant(row, "reported_at") : null);
  }
}
