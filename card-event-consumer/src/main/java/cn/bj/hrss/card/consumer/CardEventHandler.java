package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;

/**
 * Applies one card event to a service's projection. It runs in one database transaction that also
 * records the card's position ({@link CardEventPositions#claim}), so that an event delivered twice
 * changes nothing the second time. A thrown exception means "not applied": the consumer retries the
 * same event.
 */
@FunctionalInterface
public interface CardEventHandler {

  void handle(EventEnvelope event) throws Exception;
}
