package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the card topic in a consumer group and hands each event to a {@link CardEventHandler}, in
 * order per card, with the guarantees of {@link RecordLoop}: at-least-once delivery, a failed event
 * retried without skipping or blocking other partitions, only unreadable records skipped.
 */
public final class CardEventConsumer implements AutoCloseable {

  private final RecordLoop<EventEnvelope> loop;

  public CardEventConsumer(
      String bootstrapServers, String groupId, String topic, CardEventHandler handler) {
    this.loop =
        new RecordLoop<>(
            bootstrapServers,
            groupId,
            topic,
            EventCodec::decode,
            event ->
                event.eventType()
                    + " #"
                    + event.sequence()
                    + " of card "
                    + event.cardId()
                    + " (event "
                    + event.eventId()
                    + ")",
            handler::handle);
  }

  /**
   * A consumer set up as every consumer service sets it up, from its configuration: {@code
   * kafka.bootstrap.servers}, {@code card-events.topic} and {@code card-events.group-id}.
   */
  public static CardEventConsumer fromConfig(CardEventHandler handler) {
    Config config = ConfigProvider.getConfig();
    return new CardEventConsumer(
        config.getValue("kafka.bootstrap.servers", String.class),
        config.getValue("card-events.group-id", String.class),
        config.getValue("card-events.topic", String.class),
        handler);
  }

  public void start() {
    loop.start();
  }

  /** Events handed to the handler without error since start (including skipped duplicates). */
  public long handledCount() {
    return loop.handledCount();
  }

  /** Whether the consuming thread is alive; false only after {@link #close()}. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  @Override
  public void close() {
    loop.close();
  }
}
