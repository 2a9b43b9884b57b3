package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A retiree who received the card moves it to another cooperating bank (R-BANK-6): asked for by the
 * holder, or in person at an outlet of the new bank, where the holder presents the card (its
 * printed number) and their ID.
 *
 * @param bankCode the new bank
 * @param cardNumber the number printed on the card, as presented at the new bank's outlet; null
 *     when the holder asks online
 * @param idNumber the holder's ID number, as presented at the new bank's outlet; null when the
 *     holder asks online
 * @param outletName the new bank's outlet where the holder asked; null when the holder asks online
 */
public record ChangeIssuingBank(
    @TargetAggregateIdentifier String cardId,
    String bankCode,
    String cardNumber,
    String idNumber,
    String outletName) {

  /** The holder's own request (or an operator's): no outlet, nothing presented. */
  public ChangeIssuingBank(String cardId, String bankCode) {
    this(cardId, bankCode, null, null, null);
  }
}
