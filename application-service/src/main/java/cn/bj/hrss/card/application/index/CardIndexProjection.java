package cn.bj.hrss.card.application.index;

import cn.bj.hrss.card.application.axon.BusinessDateStamp;
import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.contract.event.CardEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the card index (S-LIST-1, S-LIST-2, S-PICKUP-1). It runs in the subscribing processor
 * {@value #PROCESSING_GROUP}: in the unit of work that appends the events, in its transaction, so
 * the index is never behind the store and a rollback takes both back; a failure here fails the
 * command (axon/AxonSetup registers the propagating error handler).
 */
@ProcessingGroup(CardIndexProjection.PROCESSING_GROUP)
public final class CardIndexProjection {

  public static final String PROCESSING_GROUP = "card-index";

  private final CardIndexStore store;

  public CardIndexProjection(CardIndexStore store) {
    this.store = store;
  }

  @EventHandler
  public void on(CardEvent event, DomainEventMessage<?> message) {
    store.apply(event, meta(message));
  }

  /** What the index reads of a stored event beyond its payload. */
  static CardIndexRow.Meta meta(DomainEventMessage<?> message) {
    Object channel = message.getMetaData().get(CommandMetaData.CHANNEL);
    Object actorId = message.getMetaData().get(CommandMetaData.ACTOR_ID);
    return new CardIndexRow.Meta(
        message.getAggregateIdentifier(),
        message.getSequenceNumber(),
        channel == null ? null : channel.toString(),
        actorId == null ? null : actorId.toString(),
        BusinessDateStamp.of(
            message.getMetaData().get(BusinessDateStamp.KEY), message.getTimestamp()));
  }
}
