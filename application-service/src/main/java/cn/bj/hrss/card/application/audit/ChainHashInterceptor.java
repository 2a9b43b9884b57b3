package cn.bj.hrss.card.application.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Puts each card event's chain hash into its metadata just before it is stored, in the transaction
 * that stores it (an Axon dispatch interceptor on the event store, run at the unit of work's
 * prepare-commit with all of its events, in order).
 */
public final class ChainHashInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

  private final EventStorageEngine storage;
  private final Serializer serializer;

  public ChainHashInterceptor(EventStorageEngine storage, Serializer serializer) {
    this.storage = storage;
    this.serializer = serializer;
  }

  @Override
  public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
      List<? extends EventMessage<?>> messages) {
    Map<String, String> lastHashOfCard = new HashMap<>();
    return (index, message) -> {
      if (!(message instanceof DomainEventMessage<?> event)) {
        return message;
      }
      String previous =
          lastHashOfCard.computeIfAbsent(
              event.getAggregateIdentifier(), card -> storedHashBefore(card, event));
      SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
      String hash =
          EventChain.hash(
              previous,
              new EventChain.StoredEvent(
                  event.getAggregateIdentifier(),
                  event.getSequenceNumber(),
                  event.getIdentifier(),
                  payload.getType().getName(),
                  payload.getType().getRevision(),
                  event.getTimestamp(),
                  payload.getData(),
                  event.getMetaData()));
      lastHashOfCard.put(event.getAggregateIdentifier(), hash);
      return event.andMetaData(Map.of(EventChain.HASH_KEY, hash));
    };
  }

  private String storedHashBefore(String cardId, DomainEventMessage<?> event) {
    if (event.getSequenceNumber() == 0) {
      return EventChain.GENESIS;
    }
    DomainEventStream stored = storage.readEvents(cardId, event.getSequenceNumber() - 1);
    if (!stored.hasNext()) {
      throw new IllegalStateException("no stored event before #" + event.getSequenceNumber());
    }
    Object hash = stored.next().getMetaData().get(EventChain.HASH_KEY);
    return hash == null ? EventChain.GENESIS : hash.toString();
  }
}
