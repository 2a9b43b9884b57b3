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

  @org.junit.jupiter.api.AfterEach
  void noUnitOfWorkLeftOnTheThread() {
    while (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
      org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().rollback();
    }
  }

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

  private GenericDomainEventMessage<CardProduced> eventOf(String card, long sequence) {
    return new GenericDomainEventMessage<>(
        "CardAggregate",
        card,
        sequence,
        new CardProduced("A12345678"),
        CommandMetaData.of("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API", "corr-1"),
        "event-" + card + "-" + sequence,
        Instant.parse("2025-03-10T06:00:00Z"));
  }

  /**
   * The drill's data loss (docs/faults.md): #0 of a card failed while the broker was away, #1 of
   * the same batch was written after it came back, and consumers, which apply a card's events in
   * order, stopped at #1 for good. A card's later event is now sent only after the earlier one was
   * acknowledged, so a failed #0 means #1 is never sent.
   */
  @Test
  void a_card_s_later_event_is_not_sent_when_its_earlier_one_failed() throws Exception {
    GenericDomainEventMessage<CardProduced> first = eventOf("card-8", 0);
    GenericDomainEventMessage<CardProduced> second = eventOf("card-8", 1);
    GenericDomainEventMessage<CardProduced> other = eventOf("card-9", 0);
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(first);
    AtomicBoolean committed = new AtomicBoolean();
    unitOfWork.onCommit(u -> committed.set(true));

    publisher.publish(first.getPayload(), first);
    publisher.publish(second.getPayload(), second);
    publisher.publish(other.getPayload(), other);
    // The first event of each card is sent at once; card-8's #1 waits for #0's acknowledgement.
    assertEquals(
        java.util.List.of("card-8", "card-9"),
        producer.history().stream().map(r -> r.key()).toList());
    producer.errorNext(new TimeoutException("broker away"));
    producer.completeNext();

    assertThrows(IllegalStateException.class, unitOfWork::commit);
    assertFalse(committed.get());
    assertEquals(2, producer.history().size(), "card-8's #1 was sent although #0 failed");
  }

  @Test
  void a_card_s_events_of_one_batch_are_sent_in_order_each_after_the_previous_acknowledgement()
      throws Exception {
    GenericDomainEventMessage<CardProduced> first = eventOf("card-8", 0);
    GenericDomainEventMessage<CardProduced> second = eventOf("card-8", 1);
    GenericDomainEventMessage<CardProduced> third = eventOf("card-8", 2);
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(first);
    AtomicBoolean committed = new AtomicBoolean();
    unitOfWork.onCommit(u -> committed.set(true));
    publisher.publish(first.getPayload(), first);
    publisher.publish(second.getPayload(), second);
    publisher.publish(third.getPayload(), third);
    assertEquals(1, producer.history().size());

    ScheduledExecutorService broker = Executors.newSingleThreadScheduledExecutor();
    broker.scheduleWithFixedDelay(
        () -> {
          while (producer.completeNext()) {
            // acknowledge whatever was sent so far
          }
        },
        50,
        50,
        TimeUnit.MILLISECONDS);
    unitOfWork.commit();
    broker.shutdownNow();

    assertTrue(committed.get());
    assertEquals(
        java.util.List.of("event-card-8-0", "event-card-8-1", "event-card-8-2"),
        producer.history().stream().map(r -> eventIdOf(r.value())).toList());
  }

  private static String eventIdOf(byte[] value) {
    String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("event-card-8-\\d").matcher(text);
    return m.find() ? m.group() : text;
  }
}
