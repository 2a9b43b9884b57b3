package cn.bj.hrss.card.contract.event;

import java.time.Instant;

/**
 * One card lifecycle event as published on the card topic, version 1 of the envelope.
 *
 * @param eventId unique id of the event, stable across re-publication (consumers deduplicate on it
 *     or on cardId plus sequence)
 * @param eventType logical event name, for example {@code CardRequested}; never a Java class name
 * @param eventVersion version of the payload schema of that event type
 * @param cardId the card (aggregate) the event belongs to; also the Kafka record key
 * @param sequence per-card sequence number, 0 for the first event of a card, without gaps
 * @param occurredAt when the event was recorded by application-service
 * @param actor who caused it
 * @param channel through which channel the command came (see docs/event-contract.md)
 * @param correlationId id shared by everything one request caused
 * @param payload the event itself
 */
public record EventEnvelope(
    String eventId,
    String eventType,
    int eventVersion,
    String cardId,
    long sequence,
    Instant occurredAt,
    Actor actor,
    String channel,
    String correlationId,
    CardEvent payload) {}
