package cn.bj.hrss.card.contract.event;

/**
 * The card was delivered by mail or door-to-door (R-PICK-3, R-PICK-4).
 *
 * @param method {@link CollectionMethod#MAIL} or {@link CollectionMethod#DOOR_TO_DOOR}
 */
public record CardDelivered(CollectionMethod method) implements CardEvent {}
