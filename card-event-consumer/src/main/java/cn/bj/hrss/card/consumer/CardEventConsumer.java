package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the card topic in a consumer group and hands each event to a {@link CardEventHandler}, in
 * order per card, with the guarantees of {@link RecordLoop}: at-least-once delivery, a failed event
 * retried without skipping or blocking other partitions. With {@link DeadLetters}, a record this
 * build cannot read goes to the group's dead-letter topic and parks its card, and the card's later
 * events follow it there until an operator re-drives them (ADR 15); without, unreadable records are
 * skipped and unknown types or versions reach the handler as {@code UnknownCardEvent}.
 */
public final class CardEventConsumer implements AutoCloseable {

  private final RecordLoop<EventEnvelope> loop;

  public CardEventConsumer(
      String bootstrapServers, String groupId, String topic, CardEventHandler handler) {
    this(bootstrapServers, groupId, topic, handler, null);
  }

  public CardEventConsumer(
      String bootstrapServers,
      String groupId,
      String topic,
      CardEventHandler handler,
      DeadLetters deadLetters) {
    this(bootstrapServers, groupId, topic, handler, null, deadLetters);
  }

  /**
   * @param batchHandler applies several events of one partition in one transaction, all or none;
   *     null to apply each in its own
   */
  public CardEventConsumer(
      String bootstrapServers,
      String groupId,
      String topic,
      CardEventHandler handler,
      RecordLoop.BatchHandler<EventEnvelope> batchHandler,
      DeadLetters deadLetters) {
    this.loop =
        new RecordLoop<>(
            bootstrapServers,
            groupId,
            topic,
            deadLetters == null ? EventCodec::decode : DeadLetters::read,
            event ->
                event.eventType()
                    + " #"
                    + event.sequence()
                    + " of card "
                    + event.cardId()
                    + " (event "
                    + event.eventId()
                    + ")",
            handler::handle,
            batchHandler,
            deadLetters == null ? null : new ParkedCards(deadLetters));
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

  /**
   * Sets aside what cannot be read, and what comes behind it for the same card. The parked cards
   * are looked up once per poll; the dead letters' own check, under the card's row lock, decides.
   */
  private static final class ParkedCards implements RecordLoop.Triage<EventEnvelope> {

    private final DeadLetters deadLetters;
    private Set<String> parked = Set.of();

    ParkedCards(DeadLetters deadLetters) {
      this.deadLetters = deadLetters;
    }

    @Override
    public void startBatch(Collection<String> keys) throws Exception {
      parked = new HashSet<>(deadLetters.parked(keys));
    }

    @Override
    public boolean maySetAside(ConsumerRecord<String, byte[]> record, RuntimeException unreadable) {
      // The cards parked when the poll was looked up, and those this loop parked since. A card a
      // failed re-drive parks meanwhile is still set aside by setAside (which is asked about every
      // record), only without the records before it applied first.
      return unreadable != null || (record.key() != null && parked.contains(record.key()));
    }

    @Override
    public boolean setAside(
        ConsumerRecord<String, byte[]> record, EventEnvelope event, RuntimeException unreadable)
        throws Exception {
      String cardId = record.key();
      if (unreadable == null && (cardId == null || !parked.contains(cardId))) {
        return false;
      }
      UnreadableRecordException why =
          unreadable == null
              ? null
              : unreadable instanceof UnreadableRecordException known
                  ? known
                  : UnreadableRecordException.of((MalformedEventException) unreadable);
      boolean setAside = deadLetters.setAside(record, event, why);
      if (cardId != null) {
        if (setAside) {
          parked.add(cardId);
        } else {
          parked.remove(cardId); // re-driven since the batch was looked up
        }
      }
      return setAside;
    }
  }
}
