package cn.bj.hrss.card.application.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.contract.event.CardProduced;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * Pure unit test of the publishing handler with Kafka's MockProducer: the unit of work (in which
 * the tracking processor also stores its token) commits only once the broker acknowledged.
 */
class KafkaCardEventPublisherTest {

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final KafkaCardEventPublisher publisher =
      new KafkaCardEventPublisher(producer, "card-lifecycle.v1");
  private final GenericDomainEventMessage<CardProduced> event =
      new GenericDomainEventMessage<>(
          "CardAggregate",
          "card-7",
          1,
          new CardProduced("A12345678"),
          CommandMetaData.of("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API", "corr-1"),
          "event-1",
          Instant.parse("2025-03-10T06:00:00Z"));

  @Test
  void the_unit_of_work_commits_only_after_the_broker_acknowledged_the_send() throws Exception {
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
    AtomicBoolean acknowledged = new AtomicBoolean();
    AtomicBoolean committedAfterAcknowledgement = new AtomicBoolean();
    unitOfWork.onCommit(u -> committedAfterAcknowledgement.set(acknowledged.get()));

    publisher.publish(event.getPayload(), event);
    assertEquals(1, producer.history().size());
    assertEquals("card-7", producer.history().get(0).key());
    ScheduledExecutorService broker = Executors.newSingleThreadScheduledExecutor();
    broker.schedule(
        () -> {
          acknowledged.set(true);
          producer.completeNext();
        },
        300,
        TimeUnit.MILLISECONDS);
    unitOfWork.commit(); // blocks in prepare-commit until the acknowledgement
    broker.shutdown();

    assertTrue(committedAfterAcknowledgement.get());
  }

  @Test
  void a_send_the_broker_refuses_rolls_the_unit_of_work_back_so_the_token_stays() throws Exception {
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
    AtomicBoolean committed = new AtomicBoolean();
    AtomicBoolean rolledBack = new AtomicBoolean();
    unitOfWork.onCommit(u -> committed.set(true));
    unitOfWork.onRollback(u -> rolledBack.set(true));

    publisher.publish(event.getPayload(), event);
    producer.errorNext(new TimeoutException("broker away"));

    assertThrows(IllegalStateException.class, unitOfWork::commit);
    assertFalse(committed.get());
    assertTrue(rolledBack.get());
  }
}
