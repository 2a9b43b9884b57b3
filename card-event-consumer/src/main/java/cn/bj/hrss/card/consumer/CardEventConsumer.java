package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Reads the card topic in a consumer group and hands each event to a {@link CardEventHandler}, in
 * topic order per partition (so in order per card). Offsets are committed only after the handler
 * returned: delivery is at-least-once, and the handler's position check makes the effect
 * exactly-once.
 *
 * <p>When the handler fails, that partition alone is rewound to the failed event and paused, then
 * retried with backoff (0.5 s doubling to 30 s); the other partitions go on, and nothing is
 * skipped. Only a record that is not an event envelope at all is skipped, with an error naming its
 * partition and offset. A failed offset commit (a rebalance, a broker away) is logged and the loop
 * goes on: the records come back and are deduplicated. Any other failure closes the Kafka consumer
 * and opens a new one after a pause, so the thread never dies while the service runs.
 */
public final class CardEventConsumer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CardEventConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final String topic;
  private final String groupId;
  private final Properties properties;
  private final CardEventHandler handler;
  private final AtomicLong handled = new AtomicLong();
  private final Map<TopicPartition, Retry> retries = new HashMap<>();
  private final Thread thread;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;

  /** When a paused partition is tried again, and how long the next pause will be. */
  private record Retry(Instant at, long nextBackoffMs) {}

  public CardEventConsumer(
      String bootstrapServers, String groupId, String topic, CardEventHandler handler) {
    this.topic = topic;
    this.groupId = groupId;
    this.handler = handler;
    this.properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
    // The topic is application-service's, with its retention; a consumer must never create it.
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    this.thread = new Thread(this::run, "card-events-" + groupId);
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
    running = true;
    thread.start();
  }

  /** Events handed to the handler without error since start (including skipped duplicates). */
  public long handledCount() {
    return handled.get();
  }

  /** Whether the consuming thread is alive; false only after {@link #close()}. */
  public boolean isRunning() {
    return running && thread.isAlive();
  }

  private void run() {
    long pause = FIRST_BACKOFF_MS;
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka =
          new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer = kafka;
        retries.clear();
        kafka.subscribe(List.of(topic));
        LOG.infof("consuming %s as group %s", topic, groupId);
        while (running) {
          pollOnce(kafka);
          pause = FIRST_BACKOFF_MS;
        }
      } catch (WakeupException e) {
        if (running) {
          LOG.warn("unexpected wake-up; reopening the consumer");
        }
      } catch (RuntimeException e) {
        LOG.errorf(e, "consumer of %s failed; reopening it in %d ms", topic, pause);
        sleep(pause);
        pause = Math.min(pause * 2, MAX_BACKOFF_MS);
      } finally {
        consumer = null;
      }
    }
    LOG.infof("stopped consuming %s", topic);
  }

  private void pollOnce(KafkaConsumer<String, byte[]> kafka) {
    resumeDuePartitions(kafka);
    ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (!handle(record)) {
          rewindAndPause(kafka, partition, record.offset());
          break;
        }
        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        retries.remove(partition);
      }
    }
    if (!done.isEmpty()) {
      try {
        kafka.commitSync(done);
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warnf("could not commit offsets (%s); those events will come again", e.toString());
      }
    }
  }

  private void rewindAndPause(
      KafkaConsumer<String, byte[]> kafka, TopicPartition partition, long offset) {
    kafka.seek(partition, offset);
    kafka.pause(List.of(partition));
    Retry previous = retries.get(partition);
    long backoff = previous == null ? FIRST_BACKOFF_MS : previous.nextBackoffMs();
    retries.put(
        partition,
        new Retry(Instant.now().plusMillis(backoff), Math.min(backoff * 2, MAX_BACKOFF_MS)));
  }

  private void resumeDuePartitions(KafkaConsumer<String, byte[]> kafka) {
    Instant now = Instant.now();
    List<TopicPartition> due =
        retries.entrySet().stream()
            .filter(e -> !e.getValue().at().isAfter(now))
            .map(Map.Entry::getKey)
            .filter(kafka.assignment()::contains)
            .toList();
    if (!due.isEmpty()) {
      kafka.resume(due);
    }
    retries.keySet().retainAll(kafka.assignment());
  }

  /** Returns whether the record is done with (applied, a duplicate, or unreadable and skipped). */
  private boolean handle(ConsumerRecord<String, byte[]> record) {
    EventEnvelope event;
    try {
      event = EventCodec.decode(record.value());
    } catch (MalformedEventException e) {
      LOG.errorf(
          "skipping a record that is not a card event at %s-%d offset %d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return true;
    }
    try {
      handler.handle(event);
      handled.incrementAndGet();
      return true;
    } catch (Exception e) {
      LOG.warnf(
          e,
          "could not apply %s #%d of card %s (event %s); will retry",
          event.eventType(),
          event.sequence(),
          event.cardId(),
          event.eventId());
      return false;
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<String, byte[]> kafka = consumer;
    if (kafka != null) {
      kafka.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(2).toMillis());
      if (thread.isAlive()) {
        thread.interrupt(); // it may be pausing before reopening the consumer
        thread.join(Duration.ofSeconds(13).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
