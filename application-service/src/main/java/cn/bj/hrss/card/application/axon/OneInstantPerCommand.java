package cn.bj.hrss.card.application.axon;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Records every event one command applies to one card at one instant: the first one's. The events
 * of a decision happen together; R-OLD-2 needs it: the old card stops working at the moment the new
 * one is enabled, so SocialFunctionEnabled and OldCardInvalidated carry the same {@code occurredAt}
 * and the card as of that instant shows both (Axon stamps each applied event with its own clock
 * reading, microseconds apart). An Axon dispatch interceptor on the event store, run at the unit of
 * work's prepare-commit with all of its events, registered before the chain hash (which covers the
 * timestamp).
 */
public final class OneInstantPerCommand implements MessageDispatchInterceptor<EventMessage<?>> {

  @Override
  public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
      List<? extends EventMessage<?>> messages) {
    Map<String, Instant> instantOfCard = new HashMap<>();
    return (index, message) -> {
      if (!(message instanceof DomainEventMessage<?> event)) {
        return message;
      }
      Instant first =
          instantOfCard.computeIfAbsent(
              event.getAggregateIdentifier(), card -> event.getTimestamp());
      if (first.equals(event.getTimestamp())) {
        return event;
      }
      return at(event, first);
    };
  }

  /** The same event (identifier, payload, metadata, sequence) recorded at {@code instant}. */
  static DomainEventMessage<?> at(DomainEventMessage<?> event, Instant instant) {
    return new GenericDomainEventMessage<>(
        event.getType(),
        event.getAggregateIdentifier(),
        event.getSequenceNumber(),
        event.getPayload(),
        event.getMetaData(),
        event.getIdentifier(),
        instant);
  }
}
