package cn.bj.hrss.card.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The consumer loop against a real broker: retry without skipping, and without blocking others. */
class CardEventConsumerTest {

  private final String bootstrap = LocalInfrastructure.shared().kafka().bootstrapServers();
  private final List<String> applied = new CopyOnWriteArrayList<>();

  private String newTopic(int partitions) throws Exception {
    String topic = "consumer-test-" + UUID.randomUUID();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    return topic;
  }

  private void send(String topic, int partition, String cardId, byte[] value) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, partition, cardId, value)).get();
    }
  }

  private static byte[] golden(Class<?> type, String cardId) {
    return GoldenSamples.jsonForCard(EventTypes.require(type), cardId);
  }

  /** Waits up to 30 s for {@code done}, and fails the test, naming {@code what}, if it never is. */
  private void await(String what, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("waited 30 s for " + what + "; applied so far: " + applied);
      }
      Thread.sleep(50);
    }
  }

  private void awaitApplied(int count) throws InterruptedException {
    await(count + " events applied", () -> applied.size() >= count);
  }

  /** The card of the marker event, sent after the events a test looks at. */
  private static final String MARKER = "MARKER";

  /**
   * Sends a marker event after the others on {@code partition} and waits until it is applied: the
   * consumer reads a partition in order, so once the marker is applied every record before it has
   * been dealt with and nothing more will happen to them. No fixed sleep.
   */
  private void awaitMarker(String topic, int partition) throws Exception {
    send(topic, partition, MARKER, golden(CardRequested.class, MARKER));
    await("the marker event", () -> applied.contains(MARKER + "#0"));
  }

  /** What was applied, without the marker. */
  private List<String> appliedBeforeMarker() {
    return applied.stream().filter(key -> !key.startsWith(MARKER + "#")).toList();
  }

  /** The batches, without the marker (and without a batch that held only the marker). */
  private List<List<String>> batchesBeforeMarker() {
    return batches.stream()
        .map(batch -> batch.stream().filter(key -> !key.startsWith(MARKER + "#")).toList())
        .filter(batch -> !batch.isEmpty())
        .toList();
  }

  private static String key(EventEnvelope event) {
    return event.cardId() + "#" + event.sequence();
  }

  @Test
  void a_failing_event_is_retried_until_it_applies_and_other_partitions_go_on() throws Exception {
    String topic = newTopic(2);
    AtomicInteger failuresLeft = new AtomicInteger(2);
    CardEventHandler handler =
        event -> {
          if (key(event).equals("A#0") && failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("database away");
          }
          applied.add(key(event));
        };
    send(topic, 0, "A", golden(CardRequested.class, "A"));
    send(topic, 0, "A", golden(CardProduced.class, "A"));
    send(topic, 1, "B", golden(CardRequested.class, "B"));

    try (CardEventConsumer consumer =
        new CardEventConsumer(bootstrap, "group-" + UUID.randomUUID(), topic, handler)) {
      consumer.start();
      awaitApplied(3);
      assertTrue(consumer.isRunning());
    }

    assertEquals(List.of("B#0", "A#0", "A#1"), applied);
  }

  @Test
  void a_record_that_is_not_an_event_is_skipped_and_the_next_one_applies() throws Exception {
    String topic = newTopic(1);
    send(topic, 0, "C", "not an event".getBytes(StandardCharsets.UTF_8));
    send(topic, 0, "C", null);
    send(topic, 0, "C", golden(CardRequested.class, "C"));

    try (CardEventConsumer consumer =
        new CardEventConsumer(
            bootstrap, "group-" + UUID.randomUUID(), topic, e -> applied.add(key(e)))) {
      consumer.start();
      awaitApplied(1);
      awaitMarker(topic, 0);
    }

    assertEquals(List.of("C#0"), appliedBeforeMarker());
  }

  private final List<List<String>> batches = new CopyOnWriteArrayList<>();

  /** Applies a batch by noting it and each of its events. */
  private RecordLoop.BatchHandler<EventEnvelope> recordingBatches() {
    return events -> {
      batches.add(events.stream().map(CardEventConsumerTest::key).toList());
      events.forEach(e -> applied.add(key(e)));
    };
  }

  private CardEventConsumer batching(
      String topic, CardEventHandler one, RecordLoop.BatchHandler<EventEnvelope> all) {
    return new CardEventConsumer(bootstrap, "group-" + UUID.randomUUID(), topic, one, all, null);
  }

  @Test
  void a_polls_events_of_a_partition_are_applied_together_and_each_once() throws Exception {
    String topic = newTopic(1);
    send(topic, 0, "D", golden(CardRequested.class, "D"));
    send(topic, 0, "D", golden(CardProduced.class, "D"));
    send(topic, 0, "E", golden(CardRequested.class, "E"));

    try (CardEventConsumer consumer =
        batching(topic, e -> applied.add(key(e)), recordingBatches())) {
      consumer.start();
      awaitApplied(3);
      awaitMarker(topic, 0);
      assertEquals(4, consumer.handledCount(), "the three events and the marker, each once");
    }

    assertEquals(List.of("D#0", "D#1", "E#0"), appliedBeforeMarker());
    assertEquals(List.of(List.of("D#0", "D#1", "E#0")), batchesBeforeMarker());
  }

  @Test
  void when_a_batch_fails_its_events_are_applied_one_at_a_time_and_the_failing_one_retried()
      throws Exception {
    String topic = newTopic(1);
    send(topic, 0, "F", golden(CardRequested.class, "F"));
    send(topic, 0, "F", golden(CardProduced.class, "F"));
    send(topic, 0, "G", golden(CardRequested.class, "G"));
    AtomicInteger failuresLeft = new AtomicInteger(2);

    try (CardEventConsumer consumer =
        batching(
            topic,
            event -> {
              if (key(event).equals("F#1") && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database away");
              }
              applied.add(key(event));
            },
            events -> {
              batches.add(events.stream().map(CardEventConsumerTest::key).toList());
              if (events.stream().anyMatch(e -> key(e).equals("F#1"))) {
                throw new IllegalStateException("one of them fails: none applied");
              }
              events.forEach(e -> applied.add(key(e)));
            })) {
      consumer.start();
      awaitApplied(3);
      awaitMarker(topic, 0);
    }

    assertEquals(List.of("F#0", "F#1", "G#0"), appliedBeforeMarker());
    assertEquals(List.of("F#0", "F#1", "G#0"), batches.get(0));
  }

  @Test
  void the_events_before_an_unreadable_record_are_applied_before_it_is_looked_at()
      throws Exception {
    String topic = newTopic(1);
    send(topic, 0, "H", golden(CardRequested.class, "H"));
    send(topic, 0, "H", golden(CardProduced.class, "H"));
    send(topic, 0, "H", "not an event".getBytes(StandardCharsets.UTF_8));
    send(topic, 0, "I", golden(CardRequested.class, "I"));
    send(topic, 0, "I", golden(CardProduced.class, "I"));

    try (CardEventConsumer consumer =
        batching(topic, e -> applied.add(key(e)), recordingBatches())) {
      consumer.start();
      awaitApplied(4);
      awaitMarker(topic, 0);
    }

    assertEquals(List.of("H#0", "H#1", "I#0", "I#1"), appliedBeforeMarker());
    assertEquals(List.of(List.of("H#0", "H#1"), List.of("I#0", "I#1")), batchesBeforeMarker());
  }

  @Test
  void nothing_after_a_failing_event_is_set_aside_so_nothing_is_set_aside_twice() throws Exception {
    String topic = newTopic(1);
    send(topic, 0, "J", golden(CardRequested.class, "J"));
    send(topic, 0, "P", golden(CardRequested.class, "P")); // the triage sets P aside
    send(topic, 0, "J", golden(CardProduced.class, "J"));
    AtomicInteger failuresLeft = new AtomicInteger(2);
    List<Long> setAside = new CopyOnWriteArrayList<>();
    RecordLoop.Triage<EventEnvelope> parkedP =
        new RecordLoop.Triage<>() {
          @Override
          public void startBatch(java.util.Collection<String> keys) {}

          @Override
          public boolean maySetAside(
              org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record,
              RuntimeException unreadable) {
            return "P".equals(record.key());
          }

          @Override
          public boolean setAside(
              org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record,
              EventEnvelope event,
              RuntimeException unreadable) {
            if (!"P".equals(record.key())) {
              return false;
            }
            setAside.add(record.offset());
            return true;
          }
        };

    try (RecordLoop<EventEnvelope> loop =
        new RecordLoop<>(
            bootstrap,
            "group-" + UUID.randomUUID(),
            topic,
            cn.bj.hrss.card.contract.codec.EventCodec::decode,
            CardEventConsumerTest::key,
            event -> {
              if (key(event).equals("J#0") && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database away");
              }
              applied.add(key(event));
            },
            events -> {
              if (events.stream().anyMatch(e -> key(e).equals("J#0")) && failuresLeft.get() > 0) {
                throw new IllegalStateException("database away: none applied");
              }
              recordingBatches().handleAll(events);
            },
            parkedP)) {
      loop.start();
      awaitApplied(2);
      awaitMarker(topic, 0);
    }

    assertEquals(List.of("J#0", "J#1"), appliedBeforeMarker());
    assertEquals(List.of(1L), setAside, "P set aside once, after J#0 applied");
  }
}
