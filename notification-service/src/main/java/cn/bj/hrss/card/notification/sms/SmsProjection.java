package cn.bj.hrss.card.notification.sms;

import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.TrackingNumber;
import cn.bj.hrss.card.contract.event.UnknownCardEvent;
import cn.bj.hrss.card.notification.sms.MessageRecorder.EventRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which message each card event gives, recorded at most once per event and recipient: the card's
 * position, the contact data, the message and its outbox row are written in one transaction.
 *
 * <p>The catalogue decides which event gives a message: an event's trigger is its type
 * (CardDispatched adds its collection method, e.g. {@code CardDispatched/MAIL}), and a trigger
 * without a template gives none. Today CardRequested, CardDispatched/*, SocialFunctionEnabled (the
 * trigger {@code SocialFunctionEnabled/NO_OLD_CARD} when the enabling invalidated no old card: a
 * first issue, 新发, is never told that an old card is void, R-OLD-2) and FinancialFunctionActivated
 * have one; CardProduced, CardCollected, CardDelivered, CardProductionFailed and OldCardInvalidated
 * (the enabling message of an exchange already says the old card stopped working, R-OLD-2) have
 * none, on purpose. Unknown types are skipped.
 *
 * <p>A rebuild replays into a copy whose outbox is thrown away (card-event-consumer's
 * ProjectionRebuild): nothing is sent twice.
 */
@ApplicationScoped
public class SmsProjection {

  /** The trigger suffix of an enabling that invalidated no old card (R-OLD-2). */
  static final String NO_OLD_CARD = "NO_OLD_CARD";

  private final DataSource dataSource;
  private final MessageRecorder recorder;
  private final Pseudonyms pseudonyms;

  SmsProjection(
      DataSource dataSource,
      MessageRecorder recorder,
      @ConfigProperty(name = "notification.pseudonym-secret") String pseudonymSecret) {
    this.dataSource = dataSource;
    this.recorder = recorder;
    this.pseudonyms = new Pseudonyms(pseudonymSecret);
  }

  @Transactional(rollbackOn = Exception.class)
  public void apply(EventEnvelope event) throws SQLException {
    CardEventPositions.applyOnce(dataSource, event, connection -> change(connection, event));
  }

  /**
   * The event's change of the projection, on {@code connection} and in its transaction, without the
   * card's position: a {@link cn.bj.hrss.card.consumer.CardEventChange}, whose callers (the live
   * consumer, the rebuild) keep it.
   */
  public void change(Connection connection, EventEnvelope event) throws SQLException {
    EventRef ref =
        new EventRef(
            Topics.CARD_LIFECYCLE,
            event.cardId(),
            MessageIds.cardEvent(event.sequence()),
            event.sequence(),
            event.eventId(),
            event.eventType(),
            event.occurredAt());
    if (event.payload() instanceof UnknownCardEvent) {
      return;
    }
    String trigger = event.eventType();
    Map<String, String> values = new HashMap<>();
    String signingBank = null;
    if (event.payload() instanceof CardRequested requested) {
      remember(connection, event, requested);
    } else if (event.payload() instanceof CardProduced) {
      update(
          connection,
          "UPDATE card_contact SET produced_at = ? WHERE card_id = ?",
          Timestamp.from(event.occurredAt()),
          event.cardId());
    } else if (event.payload() instanceof CardDispatched dispatched) {
      update(
          connection,
          "UPDATE card_contact SET dispatched_at = ?, dispatch_method = ? WHERE card_id = ?",
          Timestamp.from(event.occurredAt()),
          String.valueOf(dispatched.method()),
          event.cardId());
      trigger = trigger + "/" + dispatched.method();
      // Each field is read only for its own method (docs/event-contract.md, CardDispatched). The
      // outlet is the one application-service resolved from its reference data, with its address
      // (ADR 23); a tracking number only in a carrier's format: no typed text reaches an SMS.
      if (dispatched.method() == CollectionMethod.OUTLET_PICKUP) {
        values.put("outlet", MessageRecorder.outletWithAddress(dispatched.outlet()));
      } else if (dispatched.method() == CollectionMethod.MAIL) {
        values.put(
            "trackingNumber",
            TrackingNumber.isValid(dispatched.trackingNumber())
                ? dispatched.trackingNumber()
                : "以快递公司通知为准");
      }
    } else if (event.payload() instanceof ReplacementCardIssued issued) {
      // A replacement card has no CardRequested: its first event says whom it is for.
      remember(
          connection,
          event,
          new CardRequested(
              issued.cardId(),
              issued.applicant(),
              issued.bankCode(),
              new Collection(CollectionMethod.OUTLET_PICKUP, issued.outletName(), null),
              null,
              null));
      // application-service hands a replacement over only at an instant outlet it finds, by this
      // exact name, in its reference data (R-LOSS-1): a registered name.
      values.put("outlet", MessageRecorder.outlet(issued.outletName()));
    } else if (event.payload() instanceof SocialFunctionEnabled enabled) {
      if (!enabled.oldCardInvalidated()) {
        trigger = trigger + "/" + NO_OLD_CARD;
      }
    } else if (event.payload() instanceof FinancialFunctionActivated activated) {
      values.put("outlet", MessageRecorder.outletName(activated.outlet()));
      signingBank = activated.bankCode();
    }
    recorder.record(connection, ref, trigger, values, signingBank);
  }

  /**
   * Keeps whom to write to (the one recipient {@link Recipients} decides) and what the anti-fraud
   * patterns need; notes a person who applied again with another mobile.
   */
  private void remember(Connection connection, EventEnvelope event, CardRequested requested)
      throws SQLException {
    String mobile = Recipients.of(requested).orElse("");
    String address = requested.collection() == null ? null : requested.collection().address();
    String person =
        requested.applicant() == null ? null : pseudonyms.person(requested.applicant().idNumber());
    Timestamp at = Timestamp.from(event.occurredAt());
    update(
        connection,
        "INSERT INTO card_contact (card_id, mobile, bank_code, collection_method, address_key,"
            + " address_masked, person_key, requested_at, holder_adult_on, holder_mobile)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (card_id) DO NOTHING",
        event.cardId(),
        mobile,
        String.valueOf(requested.bankCode()),
        requested.collection() == null ? null : String.valueOf(requested.collection().method()),
        pseudonyms.address(address),
        Masking.address(address),
        person,
        at,
        Recipients.holderAdultOn(requested).map(java.sql.Date::valueOf).orElse(null),
        Recipients.holdersOwnMobile(requested).orElse(""));
    if (person == null) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT card_id, mobile FROM card_contact WHERE person_key = ? AND card_id <> ?"
                + " ORDER BY requested_at DESC LIMIT 1")) {
      statement.setString(1, person);
      statement.setString(2, event.cardId());
      try (ResultSet previous = statement.executeQuery()) {
        if (previous.next() && !previous.getString("mobile").equals(mobile)) {
          update(
              connection,
              "INSERT INTO mobile_change (card_id, previous_card_id, previous_mobile, new_mobile,"
                  + " changed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (card_id) DO NOTHING",
              event.cardId(),
              previous.getString("card_id"),
              previous.getString("mobile"),
              mobile,
              at);
        }
      }
    }
  }
}
