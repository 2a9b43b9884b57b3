package cn.bj.hrss.card.contract.event;

/**
 * The card factory finished the card.
 *
 * @param cardNumber the 9-character card number printed on the card and stored in its chip
 */
public record CardProduced(String cardNumber) implements CardEvent {}
