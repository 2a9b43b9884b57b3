package cn.bj.hrss.card.application.card.domain;

import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;

/**
 * What application-service knows of one card, folded from its events. The same fold serves the
 * aggregate (to decide commands) and the card query (to answer reads), so they cannot disagree.
 */
public record CardState(
    String cardId,
    CardStatus status,
    String bankCode,
    Collection collection,
    String cardNumber,
    String trackingNumber,
    boolean oldCardInvalidated,
    boolean financialFunctionActive) {

  /** The state before any event: no card. */
  public static final CardState NONE =
      new CardState(null, null, null, null, null, null, false, false);

  /** The state after {@code event}. Events are facts: they are never refused here. */
  public CardState evolve(CardEvent event) {
    if (event instanceof CardRequested e) {
      return new CardState(
          e.cardId(), CardStatus.REQUESTED, e.bankCode(), e.collection(), null, null, false, false);
    }
    if (event instanceof CardProductionFailed) {
      return withStatus(CardStatus.PRODUCTION_FAILED, cardNumber, trackingNumber);
    }
    if (event instanceof CardProduced e) {
      return withStatus(CardStatus.PRODUCED, e.cardNumber(), trackingNumber);
    }
    if (event instanceof CardDispatched e) {
      return withStatus(CardStatus.DISPATCHED, cardNumber, e.trackingNumber());
    }
    if (event instanceof CardCollected) {
      return withStatus(CardStatus.COLLECTED, cardNumber, trackingNumber);
    }
    if (event instanceof CardDelivered) {
      return withStatus(CardStatus.DELIVERED, cardNumber, trackingNumber);
    }
    if (event instanceof SocialFunctionEnabled) {
      return withStatus(CardStatus.ACTIVE, cardNumber, trackingNumber);
    }
    if (event instanceof OldCardInvalidated) {
      return new CardState(
          cardId,
          status,
          bankCode,
          collection,
          cardNumber,
          trackingNumber,
          true,
          financialFunctionActive);
    }
    if (event instanceof FinancialFunctionActivated) {
      return new CardState(
          cardId,
          status,
          bankCode,
          collection,
          cardNumber,
          trackingNumber,
          oldCardInvalidated,
          true);
    }
    throw new IllegalStateException("application-service cannot fold event " + event);
  }

  private CardState withStatus(CardStatus next, String number, String tracking) {
    return new CardState(
        cardId,
        next,
        bankCode,
        collection,
        number,
        tracking,
        oldCardInvalidated,
        financialFunctionActive);
  }
}
