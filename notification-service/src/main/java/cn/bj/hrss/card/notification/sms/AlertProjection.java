package cn.bj.hrss.card.notification.sms;

import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.alert.ProductionOverdue;
import cn.bj.hrss.card.notification.sms.MessageRecorder.Contact;
import cn.bj.hrss.card.notification.sms.MessageRecorder.EventRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Tells the holder that production is late (ProductionOverdue from card-production-service), once
 * per alert id: the alert is recorded with its message in one transaction, so a redelivered alert
 * changes nothing. An alert about a card whose application this service has not read yet (the two
 * topics are not ordered) is refused and retried.
 */
@ApplicationScoped
public class AlertProjection {

  private static final Logger LOG = Logger.getLogger(AlertProjection.class);

  private final DataSource dataSource;
  private final MessageRecorder recorder;

  AlertProjection(DataSource dataSource, MessageRecorder recorder) {
    this.dataSource = dataSource;
    this.recorder = recorder;
  }

  /** An alert whose card is not known yet; the consumer retries it with backoff. */
  public static final class CardNotKnownYetException extends SQLException {
    CardNotKnownYetException(String alertId, String cardId) {
      super("alert " + alertId + ": card " + cardId + " is not known yet; retrying");
    }
  }

  @Transactional(rollbackOn = Exception.class)
  public void apply(ProductionOverdue alert) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      int fresh =
          update(
              connection,
              "INSERT INTO production_alert (alert_id, card_id, due_date, detected_at)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING",
              alert.alertId(),
              alert.cardId(),
              Date.valueOf(alert.dueDate()),
              alert.detectedAt() == null ? null : Timestamp.from(alert.detectedAt()));
      if (fresh == 0) {
        return;
      }
      Optional<Contact> contact = MessageRecorder.contact(connection, alert.cardId());
      if (contact.isEmpty()) {
        throw new CardNotKnownYetException(alert.alertId(), alert.cardId());
      }
      if (contact.get().producedAt() != null) {
        LOG.infof(
            "alert %s: card %s was produced meanwhile; the holder is not told it is late",
            alert.alertId(), alert.cardId());
        return;
      }
      Instant at = alert.detectedAt() == null ? Instant.now() : alert.detectedAt();
      recorder.record(
          connection,
          new EventRef(
              Topics.PRODUCTION_ALERTS,
              alert.cardId(),
              MessageIds.productionAlert(alert.alertId()),
              null,
              alert.alertId(),
              "ProductionOverdue",
              at),
          "ProductionOverdue",
          Map.of("dueDate", MessageRecorder.CHINESE_DATE.format(alert.dueDate())),
          null);
    }
  }
}
