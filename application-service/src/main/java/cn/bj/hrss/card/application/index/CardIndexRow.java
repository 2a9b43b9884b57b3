package cn.bj.hrss.card.application.index;

import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import java.time.LocalDate;
import java.util.Map;

/**
 * One card as the card index keeps it (table {@code card_index}): folded from the card's events
 * with only what they carry (payload, channel, actor, business date), so a rebuild from the store
 * gives the same row.
 *
 * @param holderIdNumber for lookups only, never shown unmasked
 * @param organisationId the employer or university that applied through its collective channel
 *     (CardRequested's actor on EMPLOYER_COLLECTIVE or UNIVERSITY_COLLECTIVE); null otherwise
 * @param channel the channel of the application; null for a replacement card
 * @param outletName where the card waits (its dispatch's or its returned mail's outlet), else the
 *     outlet chosen at application
 * @param waitingSince the business day the card arrived at an outlet (S-PICKUP-1); null before
 * @param updatedSequence the sequence of the last event folded in
 */
public record CardIndexRow(
    String cardId,
    String holderIdNumber,
    String holderName,
    String guardianIdNumber,
    String organisationId,
    String channel,
    CardStatus status,
    String bankCode,
    CollectionMethod collectionMethod,
    String outletName,
    LocalDate applicationDate,
    LocalDate waitingSince,
    boolean pickupReminded,
    boolean returnedToBank,
    long updatedSequence) {

  /** The events that change only the card's status, and the status after each. */
  private static final Map<Class<?>, CardStatus> STATUS_AFTER =
      Map.of(
          CardProductionFailed.class, CardStatus.PRODUCTION_FAILED,
          CardProduced.class, CardStatus.PRODUCED,
          CardCollected.class, CardStatus.COLLECTED,
          CardDelivered.class, CardStatus.DELIVERED,
          SocialFunctionEnabled.class, CardStatus.ACTIVE,
          CardReplaced.class, CardStatus.REPLACED,
          ApplicationWithdrawn.class, CardStatus.WITHDRAWN,
          CardCancelled.class, CardStatus.CANCELLED);

  /** What the index needs of a stored event beyond its payload. */
  public record Meta(
      String cardId, long sequence, String channel, String actorId, LocalDate businessDate) {}

  /** The row of a card's first event; null for any other event (the card has no row yet). */
  public static CardIndexRow first(CardEvent event, Meta meta) {
    if (event instanceof CardRequested e) {
      boolean collective =
          Channel.EMPLOYER_COLLECTIVE.is(meta.channel())
              || Channel.UNIVERSITY_COLLECTIVE.is(meta.channel());
      return new CardIndexRow(
          meta.cardId(),
          e.applicant().idNumber(),
          e.applicant().name(),
          e.guardian() == null ? null : e.guardian().idNumber(),
          collective ? meta.actorId() : null,
          meta.channel(),
          CardStatus.REQUESTED,
          e.bankCode(),
          e.collection() == null ? null : e.collection().method(),
          e.collection() == null ? null : e.collection().outletName(),
          e.applicationDate(),
          null,
          false,
          false,
          meta.sequence());
    }
    if (event instanceof ReplacementCardIssued e) {
      return new CardIndexRow(
          meta.cardId(),
          e.applicant().idNumber(),
          e.applicant().name(),
          null,
          null,
          null,
          CardStatus.COLLECTED,
          e.bankCode(),
          CollectionMethod.OUTLET_PICKUP,
          e.outletName(),
          null,
          null,
          false,
          false,
          meta.sequence());
    }
    return null;
  }

  /** The row after {@code event}; an event already folded in (by its sequence) changes nothing. */
  public CardIndexRow evolve(CardEvent event, Meta meta) {
    if (meta.sequence() <= updatedSequence) {
      return this;
    }
    CardIndexRow next = at(meta.sequence());
    CardStatus onlyStatus = STATUS_AFTER.get(event.getClass());
    if (onlyStatus != null) {
      return next.with(onlyStatus);
    }
    if (event instanceof CardDispatched e) {
      return e.method() == CollectionMethod.OUTLET_PICKUP
          ? next.with(CardStatus.DISPATCHED).waitingAt(e.outletName(), meta.businessDate())
          : next.with(CardStatus.DISPATCHED);
    }
    if (event instanceof MailReturned e) {
      return next.waitingAt(e.outlet().name(), meta.businessDate());
    }
    if (event instanceof PickupPeriodEnding) {
      return next.flags(true, returnedToBank);
    }
    if (event instanceof UncollectedCardReturned) {
      return next.with(CardStatus.RETURNED_TO_BANK).flags(pickupReminded, true);
    }
    if (event instanceof IssuingBankChanged e) {
      return next.changed(e.toBankCode(), collectionMethod, outletName);
    }
    if (event instanceof ApplicationChanged e) {
      return e.collection() == null
          ? next.changed(e.bankCode(), collectionMethod, outletName)
          : next.changed(e.bankCode(), e.collection().method(), e.collection().outletName());
    }
    return next; // nothing the index keeps (loss reports, mobile numbers, activations, ...)
  }

  private CardIndexRow at(long sequence) {
    return copy(status, bankCode, collectionMethod, outletName, waitingSince, sequence);
  }

  private CardIndexRow with(CardStatus next) {
    return copy(next, bankCode, collectionMethod, outletName, waitingSince, updatedSequence);
  }

  private CardIndexRow waitingAt(String outlet, LocalDate since) {
    return copy(status, bankCode, CollectionMethod.OUTLET_PICKUP, outlet, since, updatedSequence)
        .flags(false, false);
  }

  private CardIndexRow changed(String bank, CollectionMethod method, String outlet) {
    return copy(status, bank, method, outlet, waitingSince, updatedSequence);
  }

  private CardIndexRow flags(boolean reminded, boolean returned) {
    return new CardIndexRow(
        cardId,
        holderIdNumber,
        holderName,
        guardianIdNumber,
        organisationId,
        channel,
        status,
        bankCode,
        collectionMethod,
        outletName,
        applicationDate,
        waitingSince,
        reminded,
        returned,
        updatedSequence);
  }

  private CardIndexRow copy(
      CardStatus next,
      String bank,
      CollectionMethod method,
      String outlet,
      LocalDate since,
      long sequence) {
    return new CardIndexRow(
        cardId,
        holderIdNumber,
        holderName,
        guardianIdNumber,
        organisationId,
        channel,
        next,
        bank,
        method,
        outlet,
        applicationDate,
        since,
        pickupReminded,
        returnedToBank,
        sequence);
  }
}
