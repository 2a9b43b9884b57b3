package cn.bj.hrss.card.contract.event;

/**
 * An event whose type or version this build does not know, as a newer producer may send. Consumers
 * skip it (after recording its position) instead of failing; it is never produced.
 *
 * @param eventType the logical type name on the wire
 * @param eventVersion the version on the wire
 */
public record UnknownCardEvent(String eventType, int eventVersion) implements CardEvent {}
