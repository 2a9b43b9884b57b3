package cn.bj.hrss.card.notification.sms;

import static cn.bj.hrss.card.consumer.Jdbc.instant;
import static cn.bj.hrss.card.consumer.Jdbc.update;
import static java.util.Objects.requireNonNullElse;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Decides which message each card event gives its holder and records it, at most once per event and
 * recipient: the card's position and the message's unique key are written in one transaction.
 */
@ApplicationScoped
public class SmsProjection {

  private final DataSource dataSource;

  SmsProjection(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Transactional(rollbackOn = Exception.class)
  public void apply(EventEnvelope event) throws SQLException {
    CardEventPositions.applyOnce(dataSource, event, connection -> change(connection, event));
  }

  private static void change(Connection connection, EventEnvelope event) throws SQLException {
    if (event.payload() instanceof CardRequested requested) {
      update(
          connection,
          "INSERT INTO card_contact (card_id, mobile, bank_code) VALUES (?, ?, ?)"
              + " ON CONFLICT (card_id) DO NOTHING",
          event.cardId(),
          requested.applicant().mobile(),
          requested.bankCode());
      record(connection, event, SmsTemplate.APPLICATION_ACCEPTED, Map.of());
    } else if (event.payload() instanceof CardDispatched dispatched) {
      switch (dispatched.method()) {
        case OUTLET_PICKUP ->
            record(
                connection,
                event,
                SmsTemplate.READY_FOR_PICKUP,
                Map.of("outlet", requireNonNullElse(dispatched.outletName(), "发卡银行网点")));
        case MAIL ->
            record(
                connection,
                event,
                SmsTemplate.MAILED,
                Map.of(
                    "trackingNumber",
                    requireNonNullElse(dispatched.trackingNumber(), "以快递公司通知为准")));
        case DOOR_TO_DOOR ->
            record(connection, event, SmsTemplate.DOOR_TO_DOOR_SCHEDULED, Map.of());
      }
    } else if (event.payload() instanceof SocialFunctionEnabled) {
      record(connection, event, SmsTemplate.ENABLED_OLD_CARD_INVALID, Map.of());
    }
  }

  private static void record(
      Connection connection, EventEnvelope event, SmsTemplate template, Map<String, String> values)
      throws SQLException {
    String body = template.render(values);
    update(
        connection,
        "INSERT INTO sms_message (card_id, event_sequence, event_id, template, recipient_mobile,"
            + " body, status, event_occurred_at)"
            + " SELECT card_id, ?, ?, ?, mobile, ?, 'PENDING', ? FROM card_contact"
            + " WHERE card_id = ?"
            + " ON CONFLICT (card_id, event_sequence, recipient_mobile) DO NOTHING",
        event.sequence(),
        event.eventId(),
        template.name(),
        body,
        Timestamp.from(event.occurredAt()),
        event.cardId());
  }

  public List<SmsMessage> messagesOf(String cardId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT * FROM sms_message WHERE card_id = ? ORDER BY event_sequence, id")) {
      statement.setString(1, cardId);
      List<SmsMessage> messages = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          messages.add(
              new SmsMessage(
                  row.getLong("event_sequence"),
                  row.getString("event_id"),
                  row.getString("template"),
                  maskMobile(row.getString("recipient_mobile")),
                  row.getString("body"),
                  row.getString("status"),
                  instant(row, "event_occurred_at")));
        }
      }
      return messages;
    }
  }

  static String maskMobile(String mobile) {
    return mobile.length() < 7
        ? "****"
        : mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
  }
}
