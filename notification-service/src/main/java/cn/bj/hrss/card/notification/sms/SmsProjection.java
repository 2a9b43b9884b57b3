package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.consumer.ProjectionWrites;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.TrackingNumber;
import cn.bj.hrss.card.contract.event.UnknownCardEvent;
import cn.bj.hrss.card.notification.sms.MessageRecorder.EventRef;
import cn.bj.hrss.card.notification.sms.SmsWrites.Lookup;
import cn.bj.hrss.card.notification.sms.SmsWrites.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * have one, and so have issue 18's ApplicationChanged (S-CHANGE-1), ApplicationWithdrawn
 * (S-WITHDRAW-1), MobileNumberChanged (S-MOBILE-1: to the old number), MailReturned (S-MAIL-2),
 * PickupPeriodEnding and UncollectedCardReturned (S-PICKUP-1) and a CardCollected by a proxy
 * ({@code CardCollected/PROXY}, S-PROXY-1); CardProduced, CardCollected by the holder,
 * CardDelivered, CardProductionFailed, CardCancelled and OldCardInvalidated (the enabling message
 * of an exchange already says the old card stopped working, R-OLD-2) have none, on purpose. Unknown
 * types are skipped. After CardCancelled (S-END-1) or ApplicationWithdrawn, what still waits for
 * the card is cancelled and no later event of it gives a message.
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
   * consumer, the rebuild, the re-drive) keep it. Every statement at once: the writes before the
   * message's read, the read, the message and the writes after it.
   */
  public void change(Connection connection, EventEnvelope event) throws SQLException {
    ProjectionWrites writes = ProjectionWrites.at(connection);
    Pending pending = before(writes, event);
    if (pending != null) {
      Lookup lookup = SmsWrites.lookups(connection, List.of(pending.ask())).get(0);
      Message message = after(writes, pending, lookup);
      if (message != null) {
        List<Message> one = List.of(message);
        recorder.record(writes, message, SmsWrites.liveVerdicts(connection, one));
      }
    }
  }

  /**
   * The same change for a poll's events, each its card's next, in topic order, by sets (ADR 33,
   * {@link SmsRounds}); the rows are those of {@link #change} one event at a time
   * (NotificationBatchTest).
   */
  public void changeAll(Connection connection, List<EventEnvelope> events) throws SQLException {
    SmsRounds.changeAll(this, connection, events);
  }

  /** The person (pseudonym) of an ID number, as the contacts keep it. */
  String person(String idNumber) {
    return pseudonyms.person(idNumber);
  }

  /** Records a rendered message through {@code writes} ({@link MessageRecorder#record}). */
  void record(ProjectionWrites writes, Message message, Map<UUID, SmsWrites.Recorded> live)
      throws SQLException {
    recorder.record(writes, message, live);
  }

  /** What an event's change does after its message's read: its message's trigger and values. */
  record Pending(
      EventEnvelope event,
      EventRef ref,
      String trigger,
      Map<String, String> values,
      String bankCode) {
    SmsWrites.Ask ask() {
      return new SmsWrites.Ask(event.cardId(), trigger, bankCode);
    }
  }

  /**
   * The definition of an event's change, first part: the writes that come before its message's read
   * (which reads the card's contact they change, so a batch sends them first), and what is left to
   * do after the read; null when nothing is (an unknown type, a cancelled card).
   */
  Pending before(ProjectionWrites writes, EventEnvelope event) throws SQLException {
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
      return null;
    }
    String trigger = event.eventType();
    Map<String, String> values = new HashMap<>();
    String signingBank = null;
    if (event.payload() instanceof CardRequested requested) {
      remember(writes, event, requested);
    } else if (event.payload() instanceof CardProduced) {
      writes.update(
          "UPDATE card_contact SET produced_at = ? WHERE card_id = ?",
          Timestamp.from(event.occurredAt()),
          event.cardId());
    } else if (event.payload() instanceof CardDispatched dispatched) {
      writes.update(
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
          writes,
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
    } else if (event.payload() instanceof ApplicationChanged changed) {
      changeApplication(writes, event, changed, values);
    } else if (event.payload() instanceof ApplicationWithdrawn) {
      // S-WITHDRAW-1: what still waits is moot (before the withdrawal's own message is queued).
      MessageRecorder.cancelWaiting(writes, event.cardId(), "S-WITHDRAW-1");
    } else if (event.payload() instanceof CardCancelled) {
      // S-END-1: no message, nothing waiting goes out, and no later event gives one.
      MessageRecorder.cancelWaiting(writes, event.cardId(), "S-END-1");
      MessageRecorder.markEnded(writes, event.cardId(), "CANCELLED");
      return null;
    } else if (event.payload() instanceof MailReturned returned) {
      // S-MAIL-2: the card now waits at that registered outlet of the issuing bank (R-PICK-2).
      writes.update(
          "UPDATE card_contact SET collection_method = 'OUTLET_PICKUP' WHERE card_id = ?",
          event.cardId());
      values.put("outlet", MessageRecorder.outletWithAddress(returned.outlet()));
    } else if (event.payload() instanceof PickupPeriodEnding ending) {
      values.put("outlet", MessageRecorder.outletWithAddress(ending.outlet()));
      values.put("pickupEnds", MessageRecorder.CHINESE_DATE.format(ending.pickupEnds()));
    } else if (event.payload() instanceof CardCollected collected
        && CardCollected.PROXY.equals(collected.collectedBy())) {
      // S-PROXY-1: the holder learns who collected the card, masked, and on which authorisation.
      trigger = trigger + "/" + CardCollected.PROXY;
      values.put("proxy", Proxies.maskedName(collected.proxy()));
      values.put("authorisation", Proxies.authorisation(collected.authorisation()));
    }
    return new Pending(event, ref, trigger, values, signingBank);
  }

  /**
   * The definition's second part, with what the read found: the writes after the message's read
   * (they change what it read, or nothing it read) and the message to record, or null.
   */
  Message after(ProjectionWrites writes, Pending pending, Lookup lookup) throws SQLException {
    EventEnvelope event = pending.event();
    if (event.payload() instanceof MobileNumberChanged changed) {
      return changeMobile(writes, pending, changed, lookup);
    }
    if (event.payload() instanceof ApplicationChanged && lookup.bankName() != null) {
      // S-CHANGE-1: the new bank's name; the contact's bank was changed before the read.
      pending.values().put("bank", lookup.bankName());
    }
    Message message = recorder.render(pending.ref(), pending.values(), pending.bankCode(), lookup);
    if (event.payload() instanceof ApplicationWithdrawn) {
      // S-WITHDRAW-1: the withdrawal is the card's last message.
      MessageRecorder.markEnded(writes, event.cardId(), "WITHDRAWN");
    }
    return message;
  }

  /**
   * S-CHANGE-1: the application as it now stands, for the later notices (the signing bank) and the
   * anti-fraud patterns (the address); the holder is told what it now says (the bank's name comes
   * with the message's read).
   */
  private void changeApplication(
      ProjectionWrites writes,
      EventEnvelope event,
      ApplicationChanged changed,
      Map<String, String> values)
      throws SQLException {
    Collection collection = changed.collection();
    String address = collection == null ? null : collection.address();
    writes.update(
        "UPDATE card_contact SET bank_code = ?, collection_method = ?, address_key = ?,"
            + " address_masked = ? WHERE card_id = ?",
        String.valueOf(changed.bankCode()),
        collection == null ? null : String.valueOf(collection.method()),
        pseudonyms.address(address),
        Masking.address(address),
        event.cardId());
    CollectionMethod method = collection == null ? null : collection.method();
    if (method == CollectionMethod.OUTLET_PICKUP) {
      values.put("collection", "到" + MessageRecorder.outletWithAddress(changed.outlet()) + "领取");
    } else if (method == CollectionMethod.MAIL && Masking.address(address) != null) {
      values.put("collection", "邮寄至" + Masking.address(address));
    } else if (method == CollectionMethod.DOOR_TO_DOOR) {
      values.put("collection", "发卡银行上门送卡");
    }
  }

  /**
   * S-MOBILE-1: the card's notices go to the new number from this event on. When the recipient of
   * the card's notices changes, the old number is told once, before the change, where they go now
   * (masked); the change is noted for the anti-fraud pattern "mobile changed shortly before a
   * mailed dispatch". The holder's own number of a minor's card changes whom the notices go to only
   * from the 18th birthday (R-BANK-4); a guardian's number of a card no guardian applied for
   * changes nothing. The contact is the one the message's read found, before the change.
   */
  private Message changeMobile(
      ProjectionWrites writes, Pending pending, MobileNumberChanged changed, Lookup lookup)
      throws SQLException {
    EventEnvelope event = pending.event();
    Optional<String> mobile = Recipients.mobile(changed.mobile());
    if (lookup.contact().isEmpty() || mobile.isEmpty()) {
      return null;
    }
    MessageRecorder.Contact before = lookup.contact().get();
    boolean holder = MobileNumberChanged.HOLDER.equals(changed.of());
    if (!holder && !before.guardianApplied()) {
      return null;
    }
    MessageRecorder.Contact after =
        new MessageRecorder.Contact(
            holder && before.guardianApplied() ? before.mobile() : mobile.get(),
            before.bankCode(),
            before.producedAt(),
            before.holderAdultOn(),
            holder ? mobile.get() : before.holderMobile(),
            before.guardianApplied(),
            before.ended());
    String from = before.recipientOn(event.occurredAt());
    String to = after.recipientOn(event.occurredAt());
    Message message =
        !from.isEmpty() && !from.equals(to)
            ? recorder.render(pending.ref(), Map.of("newMobile", Masking.mobile(to)), null, lookup)
            : null;
    String previous = holder && before.guardianApplied() ? before.holderMobile() : before.mobile();
    if (!previous.equals(mobile.get())) {
      writes.update(
          "INSERT INTO mobile_change (card_id, event_key, previous_card_id, previous_mobile,"
              + " new_mobile, changed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          event.cardId(),
          pending.ref().eventKey(),
          event.cardId(),
          previous,
          mobile.get(),
          Timestamp.from(event.occurredAt()));
    }
    writes.update(
        "UPDATE card_contact SET mobile = ?, holder_mobile = ? WHERE card_id = ?",
        after.mobile(),
        after.holderMobile(),
        event.cardId());
    return message;
  }

  /**
   * Keeps whom to write to (the one recipient {@link Recipients} decides) and what the anti-fraud
   * patterns need; notes a person who applied again with another mobile. One statement: the
   * contact's insert and the person's latest other card (the latest application, then the greatest
   * card id: one row whichever way the events are sent) read the same snapshot, which cannot hold
   * this card's contact yet and would not count it anyway. A batch sends a part's statements of
   * this shape in topic order, each seeing the ones before ({@link SmsRounds#parts}).
   */
  private void remember(ProjectionWrites writes, EventEnvelope event, CardRequested requested)
      throws SQLException {
    String mobile = Recipients.of(requested).orElse("");
    String address = requested.collection() == null ? null : requested.collection().address();
    String person =
        requested.applicant() == null ? null : pseudonyms.person(requested.applicant().idNumber());
    Timestamp at = Timestamp.from(event.occurredAt());
    String contact =
        "INSERT INTO card_contact (card_id, mobile, bank_code, collection_method, address_key,"
            + " address_masked, person_key, requested_at, holder_adult_on, holder_mobile,"
            + " guardian_applied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (card_id) DO NOTHING";
    List<Object> values =
        new ArrayList<>(
            Arrays.asList(
                event.cardId(),
                mobile,
                String.valueOf(requested.bankCode()),
                requested.collection() == null
                    ? null
                    : String.valueOf(requested.collection().method()),
                pseudonyms.address(address),
                Masking.address(address),
                person,
                at,
                Recipients.holderAdultOn(requested).map(java.sql.Date::valueOf).orElse(null),
                Recipients.holdersOwnMobile(requested).orElse(""),
                Recipients.guardianOf(requested).isPresent()));
    if (person == null) {
      writes.update(contact, values.toArray());
      return;
    }
    values.addAll(List.of(person, event.cardId(), event.cardId(), mobile, at, mobile));
    writes.update(
        "WITH contact AS ("
            + contact
            + "), previous AS (SELECT card_id, mobile FROM card_contact WHERE person_key = ?"
            + " AND card_id <> ? ORDER BY requested_at DESC, card_id DESC LIMIT 1)"
            + " INSERT INTO mobile_change (card_id, previous_card_id, previous_mobile, new_mobile,"
            + " changed_at) SELECT ?::varchar, card_id, mobile, ?::varchar, ?::timestamptz"
            + " FROM previous WHERE mobile <> ? ON CONFLICT DO NOTHING",
        values.toArray());
  }
}
