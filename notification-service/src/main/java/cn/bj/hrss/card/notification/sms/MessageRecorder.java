package cn.bj.hrss.card.notification.sms;

import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.antifraud.SmsText;
import cn.bj.hrss.card.notification.catalogue.MessageTemplate;
import cn.bj.hrss.card.notification.observability.SmsMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns "this event happened to this card" into the card's message, on the projection's connection
 * (so in the transaction that also records the event's position): picks the template by trigger,
 * the recipient the card's application decided, the signature (the programme's, or the issuing
 * bank's for pickup notices, R-PICK-2), renders the text, applies the anti-fraud policy to it, and
 * records the decision once per (card, event, recipient):
 *
 * <ul>
 *   <li>BLOCKED: the policy (or a missing bank name or value) refused it. Never sent; the reason is
 *       kept for operators.
 *   <li>NOT_SENT_REPLAY: set by a rebuild's switch (CardEventsListener) on a message its replay
 *       queued that was never sent, since the catalogue grew after the event: history, not news.
 *   <li>QUEUED: handed to the outbox in the same transaction; the sender sends it.
 * </ul>
 */
@ApplicationScoped
public class MessageRecorder {

  public static final String QUEUED = "QUEUED";
  public static final String BLOCKED = "BLOCKED";
  public static final String NOT_SENT_REPLAY = "NOT_SENT_REPLAY";

  private static final Logger LOG = Logger.getLogger(MessageRecorder.class);
  private static final String FALLBACK_OUTLET = "发卡银行网点";

  /** A date as a notice writes it: 2025年4月2日. */
  public static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  /** The event a message comes from. */
  public record EventRef(
      String source,
      String cardId,
      String eventKey,
      Long sequence,
      String eventId,
      String eventType,
      Instant occurredAt) {}

  /** The calendar day of an event, in Beijing. */
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /**
   * Records the message {@code trigger} gives, if the catalogue has one.
   *
   * <p>Round trips: the template, the card's contact and the signing bank's name are read in one
   * query; the message and its outbox row are written in one statement. In a rebuild's copy the
   * anti-fraud verdict the live projection recorded for the same message id and the same text is
   * copied ({@link #recordWithLiveVerdict}); the copy's outbox is dropped, so nothing is queued
   * there (ADR 34).
   *
   * @param values the template's values from the event
   * @param bankCode the bank that signs a bank-signed message; null for the card's issuing bank
   */
  public void record(
      Connection connection,
      EventRef event,
      String trigger,
      Map<String, String> values,
      String bankCode)
      throws SQLException {
    Optional<Lookup> found = lookup(connection, trigger, event.cardId(), bankCode);
    if (found.isEmpty()) {
      return;
    }
    Lookup lookup = found.get();
    MessageTemplate template = lookup.template();
    if (lookup.contact().isEmpty()) {
      LOG.warnf(
          "card %s: %s gives %s, but no application is known; nobody to tell",
          event.cardId(), event.eventType(), template.code());
      return;
    }
    Contact contact = lookup.contact().get();
    if (contact.ended() != null) {
      // S-END-1, S-WITHDRAW-1: the card's life ended; no later event of it gives a message.
      return;
    }
    String recipient = contact.recipientOn(event.occurredAt());
    String problem = recipient.isEmpty() ? "the application has no valid mainland mobile" : null;
    LocalDate adultOn = contact.holderAdultOn();
    if (contact.holderIsAdultOn(event.occurredAt()) && recipient.isEmpty()) {
      problem =
          "R-BANK-4: the holder is 18 since "
              + adultOn
              + "; the guardian no longer receives the card's notices and the application"
              + " gave no mobile of the holder's own";
    }
    String signature = MessageTemplate.HRSS_SIGNATURE;
    if (MessageTemplate.SIGNED_BY_ISSUING_BANK.equals(template.signer())) {
      String code = bankCode != null ? bankCode : contact.bankCode();
      if (lookup.bankName() != null) {
        signature = lookup.bankName();
      } else {
        signature = String.valueOf(code);
        problem = "R-PICK-2: no bank name for bank code " + code + " (add it to the bank table)";
      }
    }
    String text;
    try {
      text = template.render(signature, values);
    } catch (MessageTemplate.MissingValueException e) {
      text = "【" + signature + "】" + template.body();
      problem = e.getMessage();
    }
    Message message =
        new Message(
            event,
            template.code(),
            recipient,
            signature,
            text,
            MessageIds.of(event.cardId(), event.eventKey(), recipient));
    Recorded recorded = null;
    if (problem == null && lookup.liveSchemaOfCopy() != null) {
      recorded = recordWithLiveVerdict(connection, message, lookup.liveSchemaOfCopy());
    }
    if (recorded == null) {
      String reason = problem != null ? problem : AntiFraudPolicy.checkOutgoing(text).reason();
      recorded = insert(connection, message, reason, lookup.liveSchemaOfCopy() == null);
    }
    if (recorded.inserted() && recorded.reason() != null) {
      // Counted with the insert; should the event's transaction roll back, its retry counts again.
      SmsMetrics.blocked("recorded", recorded.reason());
      LOG.warnf(
          "BLOCKED %s for card %s to %s: %s",
          template.code(), event.cardId(), Masking.mobile(recipient), recorded.reason());
    }
  }

  /** A message as rendered, before its decision. */
  private record Message(
      EventRef event,
      String template,
      String recipient,
      String signature,
      String text,
      UUID messageId) {}

  /** Whether the message was recorded now (not before), and why it was blocked (null: queued). */
  private record Recorded(boolean inserted, String reason) {}

  /**
   * What a message needs from the projection, read in one query: the trigger's template, the card's
   * contact (empty when no application is known), the signing bank's name (null when the table has
   * none), and, on a rebuild's copy, the live schema it copies (null on the live projection).
   */
  private record Lookup(
      MessageTemplate template,
      Optional<Contact> contact,
      String bankName,
      String liveSchemaOfCopy) {}

  private static Optional<Lookup> lookup(
      Connection connection, String trigger, String cardId, String bankCode) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT t.code, t.trigger, t.signer, t.body, t.description, c.card_id, "
                + CONTACT_COLUMNS
                + ", b.name AS bank_name, current_schema() AS schema FROM sms_template t"
                + " LEFT JOIN card_contact c ON c.card_id = ?"
                + " LEFT JOIN bank b ON b.code = COALESCE(?, c.bank_code)"
                + " WHERE t.trigger = ?")) {
      statement.setString(1, cardId);
      statement.setString(2, bankCode);
      statement.setString(3, trigger);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String schema = row.getString("schema");
        return Optional.of(
            new Lookup(
                new MessageTemplate(
                    row.getString("code"),
                    row.getString("trigger"),
                    row.getString("signer"),
                    row.getString("body"),
                    row.getString("description")),
                row.getString("card_id") == null ? Optional.empty() : Optional.of(contact(row)),
                row.getString("bank_name"),
                schema != null && schema.endsWith(COPY_SUFFIX) && schema.matches("[a-z_][a-z0-9_]*")
                    ? schema.substring(0, schema.length() - COPY_SUFFIX.length())
                    : null));
      }
    }
  }

  /** card-event-consumer's rebuild replays into the schema {@code <live>_rebuild} (ADR 13). */
  private static final String COPY_SUFFIX =
      cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.COPY_SUFFIX;

  private static final String MESSAGE_COLUMNS =
      "card_id, source, event_key, event_sequence, event_id, event_type, template,"
          + " recipient_mobile, signature, body, decision, block_reason, message_id,"
          + " event_occurred_at";

  /**
   * On a rebuild's copy: records the message with the verdict the live projection recorded for the
   * same message id and exactly the same text, without running the policy again (ADR 34). Only a
   * verdict of the policy is copied: allowed (no reason), or blocked for one of its rules. A
   * message the live projection does not have, or has with another text, gets null: the caller
   * checks it afresh.
   */
  private static Recorded recordWithLiveVerdict(
      Connection connection, Message message, String liveSchema) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO sms_message ("
                + MESSAGE_COLUMNS
                + ") SELECT ?::varchar, ?::varchar, ?::varchar, ?::bigint, ?::varchar, ?::varchar,"
                + " ?::varchar, ?::varchar, ?::varchar, l.body,"
                + " CASE WHEN l.block_reason IS NULL THEN '"
                + QUEUED
                + "' ELSE '"
                + BLOCKED
                + "' END, l.block_reason, l.message_id, ?::timestamptz FROM "
                + liveSchema
                + ".sms_message l WHERE l.message_id = ? AND l.body = ?"
                + " AND (l.block_reason IS NULL OR split_part(l.block_reason, ': ', 1) IN ('"
                + String.join("', '", AntiFraudPolicy.RULES)
                + "')) ON CONFLICT DO NOTHING RETURNING block_reason")) {
      EventRef event = message.event();
      int i = bindMessage(statement, message);
      statement.setTimestamp(++i, Timestamp.from(event.occurredAt()));
      statement.setObject(++i, message.messageId());
      statement.setString(++i, message.text());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? new Recorded(true, row.getString(1)) : null;
      }
    }
  }

  /** Binds the message's first nine columns of {@link #MESSAGE_COLUMNS}; returns 9. */
  private static int bindMessage(PreparedStatement statement, Message message) throws SQLException {
    EventRef event = message.event();
    int i = 0;
    statement.setString(++i, event.cardId());
    statement.setString(++i, event.source());
    statement.setString(++i, event.eventKey());
    statement.setObject(++i, event.sequence());
    statement.setString(++i, event.eventId());
    statement.setString(++i, event.eventType());
    statement.setString(++i, message.template());
    statement.setString(++i, message.recipient());
    statement.setString(++i, message.signature());
    return i;
  }

  /**
   * Records the message with its decision (blocked when {@code reason} is given) and, when it was
   * recorded now and may go and {@code queue} (the live projection, not a rebuild's copy), its
   * outbox row, in one statement.
   */
  private static Recorded insert(
      Connection connection, Message message, String reason, boolean queue) throws SQLException {
    boolean queued = reason == null && queue;
    String insert =
        "INSERT INTO sms_message ("
            + MESSAGE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement statement =
        connection.prepareStatement(
            queued
                ? "WITH message AS ("
                    + insert
                    + " RETURNING message_id), queued AS (INSERT INTO sms_outbox (message_id,"
                    + " card_id, template, recipient_mobile, signature, text, text_fingerprint,"
                    + " status, queued_at, next_attempt_at) SELECT message_id, ?::varchar,"
                    + " ?::varchar, ?::varchar, ?::varchar, ?::text, ?::char(64), 'QUEUED',"
                    + " ?::timestamptz, ?::timestamptz FROM message"
                    + " ON CONFLICT (message_id) DO NOTHING) SELECT count(*) FROM message"
                : insert)) {
      EventRef event = message.event();
      int i = bindMessage(statement, message);
      statement.setString(++i, message.text());
      statement.setString(++i, reason != null ? BLOCKED : QUEUED);
      statement.setString(++i, reason);
      statement.setObject(++i, message.messageId());
      statement.setTimestamp(++i, Timestamp.from(event.occurredAt()));
      if (!queued) {
        return new Recorded(statement.executeUpdate() > 0, reason);
      }
      Timestamp now = Timestamp.from(Instant.now());
      statement.setString(++i, event.cardId());
      statement.setString(++i, message.template());
      statement.setString(++i, message.recipient());
      statement.setString(++i, message.signature());
      statement.setString(++i, message.text());
      statement.setString(++i, SmsText.fingerprint(message.text()));
      statement.setTimestamp(++i, now);
      statement.setTimestamp(++i, now);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new Recorded(row.getLong(1) > 0, null);
      }
    }
  }

  /**
   * S-END-1, S-WITHDRAW-1: the card's messages not sent yet are cancelled (outbox status CANCELLED,
   * with the rule as the reason: the sender claims only QUEUED ones; one the sender holds right now
   * goes out and is recorded as sent).
   *
   * @return how many waiting messages were cancelled
   */
  public static int cancelWaiting(Connection connection, String cardId, String rule)
      throws SQLException {
    return update(
        connection,
        "UPDATE sms_outbox SET status = 'CANCELLED', last_error = ?"
            + " WHERE card_id = ? AND status = 'QUEUED'",
        rule + ": the card's life ended; not sent",
        cardId);
  }

  /**
   * S-END-1, S-WITHDRAW-1: the card's life ended ({@code ended}: CANCELLED or WITHDRAWN); no later
   * event of the card gives a message.
   */
  public static void markEnded(Connection connection, String cardId, String ended)
      throws SQLException {
    update(
        connection,
        "UPDATE card_contact SET ended = ? WHERE card_id = ? AND ended IS NULL",
        ended,
        cardId);
  }

  /**
   * The outlet as a pickup notice names it: its registered name and address, as the event carries
   * them from application-service's outlet reference data (ADR 23); the issuing bank's outlet in
   * general when the event has none (a version 1 event, whose outlet was never checked).
   */
  public static String outletWithAddress(RegisteredOutlet outlet) {
    if (outlet == null || outlet.name() == null || outlet.name().isBlank()) {
      return FALLBACK_OUTLET;
    }
    return outlet.address() == null || outlet.address().isBlank()
        ? outlet.name()
        : outlet.name() + "（" + outlet.address() + "）";
  }

  /** The registered outlet's name alone, as the event carries it; else the general wording. */
  public static String outletName(RegisteredOutlet outlet) {
    return outlet == null ? FALLBACK_OUTLET : outlet(outlet.name());
  }

  public static String outlet(String outletName) {
    return outletName == null || outletName.isBlank() ? FALLBACK_OUTLET : outletName;
  }

  /**
   * Whom a card's notices go to: {@code mobile} (the guardian's for a minor's card, {@code
   * guardianApplied}), and from {@code holderAdultOn} (the 18th birthday, on a card a guardian
   * applied for) {@code holderMobile} (empty when the application gave none of the holder's own);
   * {@code ended} is CANCELLED or WITHDRAWN once the card's life ended (S-END-1, S-WITHDRAW-1),
   * else null.
   */
  public record Contact(
      String mobile,
      String bankCode,
      Instant producedAt,
      LocalDate holderAdultOn,
      String holderMobile,
      boolean guardianApplied,
      String ended) {

    /**
     * R-BANK-4: whether the holder of a card a guardian applied for is 18 on the day of {@code at}.
     */
    public boolean holderIsAdultOn(Instant at) {
      return holderAdultOn != null && !at.atZone(BEIJING).toLocalDate().isBefore(holderAdultOn);
    }

    /** The mobile a message of an event at {@code at} goes to; empty when there is none. */
    public String recipientOn(Instant at) {
      return holderIsAdultOn(at) ? holderMobile : mobile;
    }
  }

  private static final String CONTACT_COLUMNS =
      "c.mobile, c.bank_code, c.produced_at, c.holder_adult_on, c.holder_mobile,"
          + " c.guardian_applied, c.ended";

  public static Optional<Contact> contact(Connection connection, String cardId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + CONTACT_COLUMNS + " FROM card_contact c WHERE c.card_id = ?")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(contact(row)) : Optional.empty();
      }
    }
  }

  private static Contact contact(ResultSet row) throws SQLException {
    Timestamp produced = row.getTimestamp("produced_at");
    return new Contact(
        row.getString("mobile"),
        row.getString("bank_code"),
        produced == null ? null : produced.toInstant(),
        row.getDate("holder_adult_on") == null
            ? null
            : row.getDate("holder_adult_on").toLocalDate(),
        Objects.toString(row.getString("holder_mobile"), ""),
        row.getBoolean("guardian_applied"),
        row.getString("ended"));
  }
}
