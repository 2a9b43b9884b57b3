package cn.bj.hrss.card.application.publishing;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.contract.event.Actor;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

/** Turns a stored Axon event into the published envelope (docs/event-contract.md). */
public final class EnvelopeMapper {

  private EnvelopeMapper() {}

  public static EventEnvelope toEnvelope(DomainEventMessage<?> message) {
    CardEvent payload = (CardEvent) message.getPayload();
    EventType type = EventTypes.require(payload.getClass());
    MetaData metaData = message.getMetaData();
    return new EventEnvelope(
        message.getIdentifier(),
        type.name(),
        type.version(),
        message.getAggregateIdentifier(),
        message.getSequenceNumber(),
        message.getTimestamp(),
        new Actor(
            text(metaData, CommandMetaData.ACTOR_ROLE), text(metaData, CommandMetaData.ACTOR_ID)),
        text(metaData, CommandMetaData.CHANNEL),
        text(metaData, CommandMetaData.CORRELATION_ID),
        payload);
  }

  private static String text(MetaData metaData, String key) {
    Object value = metaData.get(key);
    return value == null ? null : value.toString();
  }
}
