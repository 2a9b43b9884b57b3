package cn.bj.hrss.card.contract.event;

/**
 * The holder collected the card at the bank outlet (R-PICK-2).
 *
 * @param outletName the outlet where it was handed over
 */
public record CardCollected(String outletName) implements CardEvent {}
