package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.consumer.ProjectionWrites;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.catalogue.MessageTemplate;
import cn.bj.hrss.card.notification.observability.SmsMetrics;
import cn.bj.hrss.card.notification.sms.SmsWrites.Ask;
import cn.bj.hrss.card.notification.sms.SmsWrites.Lookup;
import cn.bj.hrss.card.notification.sms.SmsWrites.Message;
import cn.bj.hrss.card.notification.sms.SmsWrites.Recorded;
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
import java.util.List;
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
   * Records the message {@code trigger} gives, if the catalogue has one, at once on {@code
   * connection}: one event outside the card topic's projection (a production alert).
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
    Lookup lookup =
        SmsWrites.lookups(connection, List.of(new Ask(event.cardId(), trigger, bankCode))).get(0);
    Message message = render(event, values, bankCode, lookup);
    if (message != null) {
      List<Message> one = List.of(message);
      record(ProjectionWrites.at(connection), message, SmsWrites.liveVerdicts(connection, one));
    }
  }

  /**
   * The message an event gives with what its lookup found (the trigger's template, the card's
   * contact, the signing bank's name): picks the recipient the card's application decided, the
   * signature (the programme's, or the bank's, R-PICK-2), renders the text, and notes a problem
   * that blocks it before the policy; null when there is no message (no template, nobody to tell,
   * or the card's life ended).
   *
   * @param bankCode the bank that signs a bank-signed message; null for the card's issuing bank
   */
  Message render(EventRef event, Map<String, String> values, String bankCode, Lookup lookup) {
    MessageTemplate template = lookup.template();
    if (template == null) {
      return null;
    }
    if (lookup.contact().isEmpty()) {
      LOG.warnf(
          "card %s: %s gives %s, but no application is known; nobody to tell",
          event.cardId(), event.eventType(), template.code());
      return null;
    }
    Contact contact = lookup.contact().get();
    if (contact.ended() != null) {
      // S-END-1, S-WITHDRAW-1: the card's life ended; no later event of it gives a message.
      return null;
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
    return new Message(
        event,
        template.code(),
        recipient,
        signature,
        text,
        MessageIds.of(event.cardId(), event.eventKey(), recipient),
        problem,
        lookup.liveSchemaOfCopy());
  }

  /**
   * Records the message with its decision, through {@code writes} (at once, or batched with a
   * poll's): blocked for its problem; else, in a rebuild's copy, the verdict the live projection
   * recorded for the same message id and exactly the same text ({@code live}, ADR 34), without
   * running the policy again; else the policy's verdict. On the live projection a message that may
   * go is queued in the outbox by the same statement; the copy's outbox is dropped, so nothing is
   * queued there.
   */
  void record(ProjectionWrites writes, Message message, Map<UUID, Recorded> live)
      throws SQLException {
    String reason = message.problem();
    if (reason == null) {
      Recorded recorded = live.get(message.messageId());
      reason =
          recorded != null && recorded.body().equals(message.text())
              ? recorded.reason()
              : AntiFraudPolicy.checkOutgoing(message.text()).reason();
    }
    SmsWrites.insert(writes, message, reason, message.liveSchemaOfCopy() == null);
    if (reason != null) {
      // Counted with the insert, which is the event's first (its position lets no event change
      // the projection twice); should the transaction roll back, its retry counts again.
      SmsMetrics.blocked("recorded", reason);
      LOG.warnf(
          "BLOCKED %s for card %s to %s: %s",
          message.template(),
          message.event().cardId(),
          Masking.mobile(message.recipient()),
          reason);
    }
  }

  /**
   * S-END-1, S-WITHDRAW-1: the card's messages not sent yet are cancelled (outbox status CANCELLED,
   * with the rule as the reason: the sender claims only QUEUED ones; one the sender holds right now
   * goes out and is recorded as sent).
   */
  static void cancelWaiting(ProjectionWrites writes, String cardId, String rule)
      throws SQLException {
    writes.update(
        "UPDATE sms_outbox SET status = 'CANCELLED', last_error = ?"
            + " WHERE card_id = ? AND status = 'QUEUED'",
        rule + ": the card's life ended; not sent",
        cardId);
  }

  /**
   * S-END-1, S-WITHDRAW-1: the card's life ended ({@code ended}: CANCELLED or WITHDRAWN); no later
   * event of the card gives a message.
   */
  static void markEnded(ProjectionWrites writes, String cardId, String ended) throws SQLException {
    writes.update(
        "UPDATE card_contact SET ended = ? WHERE card_id = ? AND ended IS NULL", ended, cardId);
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
            "SELECT " + SmsWrites.CONTACT_COLUMNS + " FROM card_contact c WHERE c.card_id = ?")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(contact(row)) : Optional.empty();
      }
    }
  }

  static Contact contact(ResultSet row) throws SQLException {
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
