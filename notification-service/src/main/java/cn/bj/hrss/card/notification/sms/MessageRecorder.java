package cn.bj.hrss.card.notification.sms;

import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.antifraud.SmsText;
import cn.bj.hrss.card.notification.catalogue.MessageTemplate;
import cn.bj.hrss.card.notification.catalogue.ReferenceData;
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

  private final ReferenceData data;

  /** The calendar day of an event, in Beijing. */
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  MessageRecorder(ReferenceData data) {
    this.data = data;
  }

  /**
   * Records the message {@code trigger} gives, if the catalogue has one.
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
    Optional<MessageTemplate> found = data.template(connection, trigger);
    if (found.isEmpty()) {
      return;
    }
    MessageTemplate template = found.get();
    Optional<Contact> contact = contact(connection, event.cardId());
    if (contact.isEmpty()) {
      LOG.warnf(
          "card %s: %s gives %s, but no application is known; nobody to tell",
          event.cardId(), event.eventType(), template.code());
      return;
    }
    if (contact.get().ended() != null) {
      // S-END-1, S-WITHDRAW-1: the card's life ended; no later event of it gives a message.
      return;
    }
    String recipient = contact.get().recipientOn(event.occurredAt());
    String problem = recipient.isEmpty() ? "the application has no valid mainland mobile" : null;
    LocalDate adultOn = contact.get().holderAdultOn();
    if (contact.get().holderIsAdultOn(event.occurredAt()) && recipient.isEmpty()) {
      problem =
          "R-BANK-4: the holder is 18 since "
              + adultOn
              + "; the guardian no longer receives the card's notices and the application"
              + " gave no mobile of the holder's own";
    }
    String signature = MessageTemplate.HRSS_SIGNATURE;
    if (MessageTemplate.SIGNED_BY_ISSUING_BANK.equals(template.signer())) {
      String code = bankCode != null ? bankCode : contact.get().bankCode();
      Optional<String> bank = data.bankName(connection, code);
      if (bank.isPresent()) {
        signature = bank.get();
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
    String reason = problem != null ? problem : AntiFraudPolicy.checkOutgoing(text).reason();
    UUID messageId = MessageIds.of(event.cardId(), event.eventKey(), recipient);
    String decision = reason != null ? BLOCKED : QUEUED;
    int recorded =
        update(
            connection,
            "INSERT INTO sms_message (card_id, source, event_key, event_sequence, event_id,"
                + " event_type, template, recipient_mobile, signature, body, decision, block_reason,"
                + " message_id, event_occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING",
            event.cardId(),
            event.source(),
            event.eventKey(),
            event.sequence(),
            event.eventId(),
            event.eventType(),
            template.code(),
            recipient,
            signature,
            text,
            decision,
            reason,
            messageId,
            Timestamp.from(event.occurredAt()));
    if (recorded == 0) {
      return;
    }
    if (BLOCKED.equals(decision)) {
      // Counted with the insert; should the event's transaction roll back, its retry counts again.
      SmsMetrics.blocked("recorded", reason);
      LOG.warnf(
          "BLOCKED %s for card %s to %s: %s",
          template.code(), event.cardId(), Masking.mobile(recipient), reason);
    } else if (QUEUED.equals(decision)) {
      Timestamp now = Timestamp.from(Instant.now());
      update(
          connection,
          "INSERT INTO sms_outbox (message_id, card_id, template, recipient_mobile, signature, text,"
              + " text_fingerprint, status, queued_at, next_attempt_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?) ON CONFLICT (message_id) DO NOTHING",
          messageId,
          event.cardId(),
          template.code(),
          recipient,
          signature,
          text,
          SmsText.fingerprint(text),
          now,
          now);
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

  public static Optional<Contact> contact(Connection connection, String cardId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT mobile, bank_code, produced_at, holder_adult_on, holder_mobile,"
                + " guardian_applied, ended FROM card_contact WHERE card_id = ?")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Timestamp produced = row.getTimestamp("produced_at");
        return Optional.of(
            new Contact(
                row.getString("mobile"),
                row.getString("bank_code"),
                produced == null ? null : produced.toInstant(),
                row.getDate("holder_adult_on") == null
                    ? null
                    : row.getDate("holder_adult_on").toLocalDate(),
                Objects.toString(row.getString("holder_mobile"), ""),
                row.getBoolean("guardian_applied"),
                row.getString("ended")));
      }
    }
  }
}
