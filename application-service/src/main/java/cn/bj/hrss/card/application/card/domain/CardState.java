package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.contract.event.Applicant;
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
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;

/**
 * What application-service knows of one card, folded from its events. The same fold serves the
 * aggregate (to decide commands) and the card query (to answer reads), so they cannot disagree.
 *
 * @param category the holder's insured category (R-ELIG-2), null for events written before it (and
 *     for replacement cards made before ReplacementCardIssued v2)
 * @param reportedLost whether the card is blocked by a loss report (挂失)
 * @param replacedBy the card id of its replacement (R-LOSS-1), or null
 * @param holder who the card is for (personal data: never logged)
 * @param issue what the card is: {@link #FIRST_ISSUE} (新发), {@link #EXCHANGE} (换领 of a first- or
 *     second-generation card) or {@link #REPLACEMENT} (补领 or 换领 of a lost or damaged
 *     third-generation card, R-LOSS-1)
 * @param oldCardValid whether the holder's first- or second-generation card is still valid, so that
 *     enabling this card invalidates it (R-OLD-2)
 * @param pickupReminded whether the holder was reminded that the card's pickup period ends soon
 *     (S-PICKUP-1), since the card last arrived at an outlet
 */
public record CardState(
    String cardId,
    CardStatus status,
    String bankCode,
    Collection collection,
    String cardNumber,
    String trackingNumber,
    boolean oldCardInvalidated,
    boolean financialFunctionActive,
    String category,
    boolean reportedLost,
    String replacedBy,
    Applicant holder,
    String issue,
    boolean oldCardValid,
    boolean pickupReminded) {

  public static final String FIRST_ISSUE = CardRequested.FIRST_ISSUE;
  public static final String EXCHANGE = CardRequested.EXCHANGE;
  public static final String REPLACEMENT = "REPLACEMENT";

  /** The state before any event: no card. */
  public static final CardState NONE =
      new CardState(
          null, null, null, null, null, null, false, false, null, false, null, null, null, false,
          false);

  /** Whether the holder has the card in hand (collected, delivered or enabled). */
  public boolean isInHoldersHands() {
    return status == CardStatus.COLLECTED
        || status == CardStatus.DELIVERED
        || status == CardStatus.ACTIVE;
  }

  /** The Chinese name of {@link #issue()}: 新发, 换领, 补领 or 换领 (a replacement). */
  public String issueName() {
    if (FIRST_ISSUE.equals(issue)) {
      return "新发";
    }
    if (REPLACEMENT.equals(issue)) {
      return "补领或换领（原第三代社保卡丢失或损坏）";
    }
    return "换领";
  }

  /** The state after {@code event}. Events are facts: they are never refused here. */
  public CardState evolve(CardEvent event) {
    if (event instanceof CardRequested e) {
      boolean exchange = !FIRST_ISSUE.equals(e.issue());
      return new CardState(
          e.cardId(),
          CardStatus.REQUESTED,
          e.bankCode(),
          e.collection(),
          null,
          null,
          false,
          false,
          e.category(),
          false,
          null,
          e.applicant(),
          exchange ? EXCHANGE : FIRST_ISSUE,
          exchange,
          false);
    }
    if (event instanceof ReplacementCardIssued e) {
      Collection handedOver = new Collection(CollectionMethod.OUTLET_PICKUP, e.outletName(), null);
      return new CardState(
          e.cardId(),
          CardStatus.COLLECTED,
          e.bankCode(),
          handedOver,
          e.cardNumber(),
          null,
          false,
          false,
          e.category(),
          false,
          null,
          e.applicant(),
          REPLACEMENT,
          e.oldCardStillValid(),
          false);
    }
    if (event instanceof CardProductionFailed) {
      return withStatus(CardStatus.PRODUCTION_FAILED);
    }
    if (event instanceof CardProduced e) {
      return withStatus(CardStatus.PRODUCED).withNumbers(e.cardNumber(), trackingNumber);
    }
    if (event instanceof CardDispatched e) {
      return withStatus(CardStatus.DISPATCHED)
          .withNumbers(cardNumber, e.trackingNumber())
          .withPickupReminded(false);
    }
    if (event instanceof CardCollected) {
      return withStatus(CardStatus.COLLECTED);
    }
    if (event instanceof CardDelivered) {
      return withStatus(CardStatus.DELIVERED);
    }
    if (event instanceof SocialFunctionEnabled) {
      return withStatus(CardStatus.ACTIVE);
    }
    if (event instanceof OldCardInvalidated) {
      return copy(bankCode, true, financialFunctionActive, reportedLost, replacedBy, false);
    }
    if (event instanceof FinancialFunctionActivated) {
      return copy(bankCode, oldCardInvalidated, true, reportedLost, replacedBy, oldCardValid);
    }
    if (event instanceof IssuingBankChanged e) {
      return copy(
          e.toBankCode(), oldCardInvalidated, false, reportedLost, replacedBy, oldCardValid);
    }
    if (event instanceof CardReportedLost) {
      return copy(
          bankCode, oldCardInvalidated, financialFunctionActive, true, replacedBy, oldCardValid);
    }
    if (event instanceof LossReportCancelled) {
      return copy(
          bankCode, oldCardInvalidated, financialFunctionActive, false, replacedBy, oldCardValid);
    }
    if (event instanceof CardReplaced e) {
      return withStatus(CardStatus.REPLACED)
          .copy(
              bankCode,
              oldCardInvalidated,
              financialFunctionActive,
              reportedLost,
              e.replacementCardId(),
              oldCardValid);
    }
    if (event instanceof ApplicationChanged e) {
      return withApplication(e.bankCode(), e.collection());
    }
    if (event instanceof ApplicationWithdrawn) {
      return withStatus(CardStatus.WITHDRAWN);
    }
    if (event instanceof MobileNumberChanged e) {
      // a guardian's number is not part of the card's state here: notification-service keeps it
      return MobileNumberChanged.HOLDER.equals(e.of()) && holder != null
          ? withHolder(new Applicant(holder.idNumber(), holder.name(), e.mobile()))
          : this;
    }
    if (event instanceof MailReturned e) {
      // S-MAIL-2: the card waits at the issuing bank's outlet now, and is collected there
      return withApplication(
              bankCode, new Collection(CollectionMethod.OUTLET_PICKUP, e.outlet().name(), null))
          .withPickupReminded(false);
    }
    if (event instanceof PickupPeriodEnding) {
      return withPickupReminded(true);
    }
    if (event instanceof UncollectedCardReturned) {
      return withStatus(CardStatus.RETURNED_TO_BANK);
    }
    if (event instanceof CardCancelled) {
      return withStatus(CardStatus.CANCELLED);
    }
    throw new IllegalStateException("application-service cannot fold event " + event);
  }

  private CardState withStatus(CardStatus next) {
    return new CardState(
        cardId,
        next,
        bankCode,
        collection,
        cardNumber,
        trackingNumber,
        oldCardInvalidated,
        financialFunctionActive,
        category,
        reportedLost,
        replacedBy,
        holder,
        issue,
        oldCardValid,
        pickupReminded);
  }

  private CardState withApplication(String bank, Collection chosen) {
    return new CardState(
        cardId,
        status,
        bank,
        chosen,
        cardNumber,
        trackingNumber,
        oldCardInvalidated,
        financialFunctionActive,
        category,
        reportedLost,
        replacedBy,
        holder,
        issue,
        oldCardValid,
        pickupReminded);
  }

  private CardState withHolder(Applicant person) {
    return new CardState(
        cardId,
        status,
        bankCode,
        collection,
        cardNumber,
        trackingNumber,
        oldCardInvalidated,
        financialFunctionActive,
        category,
        reportedLost,
        replacedBy,
        person,
        issue,
        oldCardValid,
        pickupReminded);
  }

  private CardState withPickupReminded(boolean reminded) {
    return new CardState(
        cardId,
        status,
        bankCode,
        collection,
        cardNumber,
        trackingNumber,
        oldCardInvalidated,
        financialFunctionActive,
        category,
        reportedLost,
        replacedBy,
        holder,
        issue,
        oldCardValid,
        reminded);
  }

  private CardState withNumbers(String number, String tracking) {
    return new CardState(
        cardId,
        status,
        bankCode,
        collection,
        number,
        tracking,
        oldCardInvalidated,
        financialFunctionActive,
        category,
        reportedLost,
        replacedBy,
        holder,
        issue,
        oldCardValid,
        pickupReminded);
  }

  private CardState copy(
      String bank,
      boolean oldInvalid,
      boolean financial,
      boolean lost,
      String replacement,
      boolean oldValid) {
    return new CardState(
        cardId,
        status,
        bank,
        collection,
        cardNumber,
        trackingNumber,
        oldInvalid,
        financial,
        category,
        lost,
        replacement,
        holder,
        issue,
        oldValid,
        pickupReminded);
  }
}
