package cn.bj.hrss.card.contract.event;

/**
 * The holder's previous (first- or second-generation) card stopped working, at the moment the new
 * card was enabled (R-OLD-2). Only where the holder had such a card (an exchange, 换领; never a first
 * issue, 新发): it directly follows the {@link SocialFunctionEnabled} that says {@code
 * oldCardInvalidated}, and is recorded at the same instant ({@code occurredAt}), so that the card
 * as of that instant shows both. The old card is not collected back; a financial account on it
 * stays open unless the holder closes it.
 *
 * @param newCardNumber the number of the card that replaces it
 */
public record OldCardInvalidated(String newCardNumber) implements CardEvent {}
