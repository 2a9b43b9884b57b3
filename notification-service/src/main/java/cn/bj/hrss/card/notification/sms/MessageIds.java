package cn.bj.hrss.card.notification.sms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The id of the message one event gives one recipient: the same whenever and however often it is
 * derived (redelivery, restart, replay), so the outbox and the gateway recognise it. It equals
 * PostgreSQL's {@code md5(card_id || '|' || event_key || '|' || recipient)::uuid} (V2 migration).
 */
public final class MessageIds {

  private MessageIds() {}

  public static UUID of(String cardId, String eventKey, String recipient) {
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5")
              .digest((cardId + "|" + eventKey + "|" + recipient).getBytes(StandardCharsets.UTF_8));
      ByteBuffer bytes = ByteBuffer.wrap(md5);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key of a card lifecycle event within its card. */
  public static String cardEvent(long sequence) {
    return "card-event/" + sequence;
  }

  /** The key of a production alert. */
  public static String productionAlert(String alertId) {
    return "production-alert/" + alertId;
  }
}
