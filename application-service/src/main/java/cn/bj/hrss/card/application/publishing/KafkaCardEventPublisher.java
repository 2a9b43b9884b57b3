package cn.bj.hrss.card.application.publishing;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
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
 */
@ProcessingGroup(KafkaCardEventPublisher.PROCESSING_GROUP)
public final class KafkaCardEventPublisher {

  public static final String PROCESSING_GROUP = "kafka-publisher";
  private static final String PENDING_ACKS = KafkaCardEventPublisher.class.getName() + ".acks";

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
    Future<RecordMetadata> ack =
        producer.send(new ProducerRecord<>(topic, envelope.cardId(), EventCodec.encode(envelope)));
    Counter published =
        Counter.builder(PUBLISHED)
            .description("Card events acknowledged by Kafka and recorded as published")
            .tag("type", envelope.eventType())
            .register(registry);
    if (CurrentUnitOfWork.isStarted()) {
      UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
      pendingAcks(unitOfWork).add(ack);
      // Counted once the batch's token is stored: a batch sent again after a failure counts once.
      unitOfWork.root().afterCommit(u -> published.increment());
    } else {
      ack.get();
      published.increment();
    }
  }

  private static List<Future<RecordMetadata>> pendingAcks(UnitOfWork<?> unitOfWork) {
    UnitOfWork<?> root = unitOfWork.root();
    return root.getOrComputeResource(
        PENDING_ACKS,
        key -> {
          List<Future<RecordMetadata>> acks = new ArrayList<>();
          root.onPrepareCommit(u -> awaitAll(acks));
          return acks;
        });
  }

  private static void awaitAll(List<Future<RecordMetadata>> acks) {
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not acknowledge a card event", e.getCause());
    }
  }
}
