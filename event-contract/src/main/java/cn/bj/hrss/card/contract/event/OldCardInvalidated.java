package cn.bj.hrss.card.contract.event;

/**
 * The holder's previous (first- or second-generation) card stopped working, at the moment the new
 * card was enabled (R-OLD-2). Always directly follows {@link SocialFunctionEnabled}. The old card
 * is not collected back; a financial account on it stays open unless the holder closes it.
 *
 * @param newCardNumber the number of the card that replaces it
 */
public record OldCardInvalidated(String newCardNumber) implements CardEvent {}
