package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.consumer.ProjectionWrites;
import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.antifraud.SmsText;
import cn.bj.hrss.card.notification.catalogue.MessageTemplate;
import cn.bj.hrss.card.notification.sms.MessageRecorder.Contact;
import cn.bj.hrss.card.notification.sms.MessageRecorder.EventRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The projection's reads and message writes, each for several cards at once (ADR 33, ADR 34): a
 * round's lookups (template, contact, signing bank) in one statement, the recorded verdicts of a
 * copy's messages in one, the persons of cards in one, and a message with its outbox row as one
 * statement sent through {@link ProjectionWrites} (at once for one event, batched for a poll).
 */
final class SmsWrites {

  private SmsWrites() {}

  /** What an event's message needs read: its card, its trigger, the bank that signs (or null). */
  record Ask(String cardId, String trigger, String bankCode) {}

  /**
   * What a message needs from the projection: the trigger's template (null when the catalogue has
   * none), the card's contact (empty when no application is known), the signing bank's name (null
   * when the table has none), and, on a rebuild's copy, the live schema it copies (null on the live
   * projection).
   */
  record Lookup(
      MessageTemplate template,
      Optional<Contact> contact,
      String bankName,
      String liveSchemaOfCopy) {}

  /** A message as rendered, before its decision; {@code problem} blocks it before the policy. */
  record Message(
      EventRef event,
      String template,
      String recipient,
      String signature,
      String text,
      UUID messageId,
      String problem,
      String liveSchemaOfCopy) {}

  /** The verdict the live projection recorded for a message: its text and its block reason. */
  record Recorded(String body, String reason) {}

  /** card-event-consumer's rebuild replays into the schema {@code <live>_rebuild} (ADR 13). */
  private static final String COPY_SUFFIX =
      cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.COPY_SUFFIX;

  static final String CONTACT_COLUMNS =
      "c.mobile, c.bank_code, c.produced_at, c.holder_adult_on, c.holder_mobile,"
          + " c.guardian_applied, c.ended";

  private static final String MESSAGE_COLUMNS =
      "card_id, source, event_key, event_sequence, event_id, event_type, template,"
          + " recipient_mobile, signature, body, decision, block_reason, message_id,"
          + " event_occurred_at";

  private static final String INSERT_MESSAGE =
      "INSERT INTO sms_message ("
          + MESSAGE_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /**
   * The message and, when it may go, its outbox row: one statement; the outbox row exists only if
   * the message was inserted by it, so an event applied again never queues twice (ADR 4).
   */
  private static final String INSERT_MESSAGE_AND_QUEUE =
      "WITH message AS ("
          + INSERT_MESSAGE
          + " RETURNING message_id) INSERT INTO sms_outbox (message_id, card_id, template,"
          + " recipient_mobile, signature, text, text_fingerprint, status, queued_at,"
          + " next_attempt_at) SELECT message_id, ?::varchar, ?::varchar, ?::varchar, ?::varchar,"
          + " ?::text, ?::char(64), 'QUEUED', ?::timestamptz, ?::timestamptz FROM message"
          + " ON CONFLICT (message_id) DO NOTHING";

  /** Each ask's lookup, in the asks' order, in one statement. */
  static List<Lookup> lookups(Connection connection, List<Ask> asks) throws SQLException {
    List<Lookup> found = new ArrayList<>();
    if (asks.isEmpty()) {
      return found;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT t.code, t.trigger, t.signer, t.body, t.description, c.card_id, "
                + CONTACT_COLUMNS
                + ", b.name AS bank_name, current_schema() AS schema"
                + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) WITH ORDINALITY"
                + " AS e(card_id, trigger, bank_code, i)"
                + " LEFT JOIN sms_template t ON t.trigger = e.trigger"
                + " LEFT JOIN card_contact c ON c.card_id = e.card_id"
                + " LEFT JOIN bank b ON t.code IS NOT NULL"
                + " AND b.code = COALESCE(e.bank_code, c.bank_code) ORDER BY e.i")) {
      statement.setArray(1, array(connection, asks.stream().map(Ask::cardId).toArray()));
      statement.setArray(2, array(connection, asks.stream().map(Ask::trigger).toArray()));
      statement.setArray(3, array(connection, asks.stream().map(Ask::bankCode).toArray()));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          String schema = row.getString("schema");
          found.add(
              new Lookup(
                  row.getString("code") == null
                      ? null
                      : new MessageTemplate(
                          row.getString("code"),
                          row.getString("trigger"),
                          row.getString("signer"),
                          row.getString("body"),
                          row.getString("description")),
                  row.getString("card_id") == null
                      ? Optional.empty()
                      : Optional.of(MessageRecorder.contact(row)),
                  row.getString("bank_name"),
                  schema != null
                          && schema.endsWith(COPY_SUFFIX)
                          && schema.matches("[a-z_][a-z0-9_]*")
                      ? schema.substring(0, schema.length() - COPY_SUFFIX.length())
                      : null));
        }
      }
    }
    return found;
  }

  /**
   * On a rebuild's copy: the verdicts the live projection recorded for these messages (those with
   * no problem of their own), by message id, in one statement. Only a verdict of the policy is
   * given: allowed (no reason), or blocked for one of its rules (ADR 34).
   */
  static Map<UUID, Recorded> liveVerdicts(Connection connection, Collection<Message> messages)
      throws SQLException {
    Map<UUID, Recorded> found = new HashMap<>();
    List<UUID> ids = new ArrayList<>();
    String liveSchema = null;
    for (Message message : messages) {
      if (message.problem() == null && message.liveSchemaOfCopy() != null) {
        ids.add(message.messageId());
        liveSchema = message.liveSchemaOfCopy();
      }
    }
    if (ids.isEmpty()) {
      return found;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT l.message_id, l.body, l.block_reason FROM "
                + liveSchema
                + ".sms_message l WHERE l.message_id = ANY(?)"
                + " AND (l.block_reason IS NULL OR split_part(l.block_reason, ': ', 1) IN ('"
                + String.join("', '", AntiFraudPolicy.RULES)
                + "'))")) {
      statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          found.put(row.getObject(1, UUID.class), new Recorded(row.getString(2), row.getString(3)));
        }
      }
    }
    return found;
  }

  /** The person (pseudonym) of each of these cards that has one, by card id, in one statement. */
  static Map<String, String> persons(Connection connection, List<String> cardIds)
      throws SQLException {
    Map<String, String> persons = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT card_id, person_key FROM card_contact WHERE card_id = ANY(?)"
                + " AND person_key IS NOT NULL")) {
      statement.setArray(1, array(connection, cardIds.toArray()));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          persons.put(row.getString(1), row.getString(2));
        }
      }
    }
    return persons;
  }

  /**
   * Records the message with its decision (blocked when {@code reason} is given) and, when it may
   * go and {@code queue} (the live projection, not a rebuild's copy), its outbox row.
   */
  static void insert(ProjectionWrites writes, Message message, String reason, boolean queue)
      throws SQLException {
    EventRef event = message.event();
    List<Object> values =
        new ArrayList<>(
            Arrays.asList(
                event.cardId(),
                event.source(),
                event.eventKey(),
                event.sequence(),
                event.eventId(),
                event.eventType(),
                message.template(),
                message.recipient(),
                message.signature(),
                message.text(),
                reason != null ? MessageRecorder.BLOCKED : MessageRecorder.QUEUED));
    values.add(reason);
    values.add(message.messageId());
    values.add(Timestamp.from(event.occurredAt()));
    if (reason != null || !queue) {
      writes.update(INSERT_MESSAGE, values.toArray());
      return;
    }
    Timestamp now = Timestamp.from(Instant.now());
    values.addAll(
        Arrays.asList(
            event.cardId(),
            message.template(),
            message.recipient(),
            message.signature(),
            message.text(),
            SmsText.fingerprint(message.text()),
            now,
            now));
    writes.update(INSERT_MESSAGE_AND_QUEUE, values.toArray());
  }

  private static java.sql.Array array(Connection connection, Object[] values) throws SQLException {
    return connection.createArrayOf("varchar", values);
  }
}
