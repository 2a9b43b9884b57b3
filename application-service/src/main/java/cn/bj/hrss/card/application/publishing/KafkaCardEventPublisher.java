package cn.bj.hrss.card.application.publishing;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every stored card event to Kafka, keyed by card id. It runs in a tracking event
 * processor whose token lives in the same database as the events: the sends of one batch are
 * awaited (acks=all, idempotent producer) before the batch's transaction, which stores the token,
 * commits. A failed send fails the batch, the token stays, and the batch is sent again: delivery is
 * at-least-once and consumers deduplicate on card id and sequence. {@value #PUBLISHED} counts each
 * event once its batch committed.
 *
 * <p>Order per card, also when sends fail: a card's event is sent only once the broker has
 * acknowledged the card's previous event. Kafka keeps the order of the records it writes, but it
 * does not stop writing a card's later record because an earlier one failed (a send that gave up
 * waiting for metadata while the broker was away, a batch that expired): without this rule a broker
 * outage could put {@code CardProduced #1} on the topic while {@code CardRequested #0} of the same
 * batch was never written. The batch was then sent again, but a consumer, which applies a card's
 * events strictly in order (ADR 4), stopped for good at the early #1 (docs/faults.md). So within a
 * batch the first event of each card is sent at once, and a card's second, third... events are sent
 * in rounds at prepare-commit, each round after every send of the previous one was acknowledged; a
 * failure ends the batch at once, before anything later of that card is sent.
 */
@ProcessingGroup(KafkaCardEventPublisher.PROCESSING_GROUP)
public final class KafkaCardEventPublisher {

  public static final String PROCESSING_GROUP = "kafka-publisher";
  private static final String BATCH = KafkaCardEventPublisher.class.getName() + ".batch";

  /** Counter of the events published, tagged by event type. */
  public static final String PUBLISHED = "card.events.published";

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final MeterRegistry registry;

  public KafkaCardEventPublisher(Producer<String, byte[]> producer, String topic) {
    this(producer, topic, Metrics.globalRegistry);
  }

  public KafkaCardEventPublisher(
      Producer<String, byte[]> producer, String topic, MeterRegistry registry) {
    this.producer = producer;
    this.topic = topic;
    this.registry = registry;
  }

  @EventHandler
  public void publish(CardEvent event, DomainEventMessage<?> message) throws Exception {
    EventEnvelope envelope = EnvelopeMapper.toEnvelope(message);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, envelope.cardId(), EventCodec.encode(envelope));
    Counter published =
        Counter.builder(PUBLISHED)
            .description("Card events acknowledged by Kafka and recorded as published")
            .tag("type", envelope.eventType())
            .register(registry);
    if (CurrentUnitOfWork.isStarted()) {
      UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
      batch(unitOfWork).add(record);
      // Counted once the batch's token is stored: a batch sent again after a failure counts once.
      unitOfWork.root().afterCommit(u -> published.increment());
    } else {
      await(producer.send(record));
      published.increment();
    }
  }

  private Batch batch(UnitOfWork<?> unitOfWork) {
    UnitOfWork<?> root = unitOfWork.root();
    return root.getOrComputeResource(
        BATCH,
        key -> {
          Batch batch = new Batch();
          root.onPrepareCommit(u -> batch.complete());
          return batch;
        });
  }

  /** The sends of one unit of work (one batch of the tracking processor). */
  private final class Batch {
    /** How many events of each card this batch has: the round of the card's next event. */
    private final Map<String, Integer> perCard = new HashMap<>();

    /** The sends of the first round, not yet known to be acknowledged. */
    private final List<Future<RecordMetadata>> firstRound = new ArrayList<>();

    /** The events of the later rounds (round 1 at index 0), sent at prepare-commit. */
    private final List<List<ProducerRecord<String, byte[]>>> laterRounds = new ArrayList<>();

    void add(ProducerRecord<String, byte[]> record) {
      int round = perCard.merge(record.key(), 1, Integer::sum) - 1;
      if (round > 0) {
        while (laterRounds.size() < round) {
          laterRounds.add(new ArrayList<>());
        }
        laterRounds.get(round - 1).add(record);
        return;
      }
      Future<RecordMetadata> ack = producer.send(record);
      firstRound.add(ack);
      // A send that already failed (no metadata while the broker is away) fails the batch now:
      // nothing more is sent, and the next attempt does not wait for every other send to fail.
      failIfFailed(ack);
    }

    void complete() {
      awaitAll(firstRound);
      for (List<ProducerRecord<String, byte[]>> round : laterRounds) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(round.size());
        for (ProducerRecord<String, byte[]> record : round) {
          Future<RecordMetadata> ack = producer.send(record);
          acks.add(ack);
          failIfFailed(ack);
        }
        awaitAll(acks);
      }
    }
  }

  private static void failIfFailed(Future<RecordMetadata> ack) {
    if (ack.isDone()) {
      await(ack);
    }
  }

  private static void awaitAll(List<Future<RecordMetadata>> acks) {
    for (Future<RecordMetadata> ack : acks) {
      await(ack);
    }
  }

  private static void await(Future<RecordMetadata> ack) {
    try {
      ack.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not acknowledge a card event", e.getCause());
    }
  }
}
