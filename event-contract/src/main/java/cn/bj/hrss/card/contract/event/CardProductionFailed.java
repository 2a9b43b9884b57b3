package cn.bj.hrss.card.contract.event;

/**
 * The card factory could not produce the card (a chip fault, unreadable photo data, ...). The order
 * stays open: the factory produces the card again and reports {@link CardProduced}.
 *
 * @param reason the factory's reason, for operators; no personal data
 */
public record CardProductionFailed(String reason) implements CardEvent {}
