package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * exactly-once. When the handler fails, the partition is rewound to the failed event and retried
 * with backoff; nothing is skipped. Only a record that is not an event envelope at all is skipped,
 * with an error naming its partition and offset.
 */
public final class CardEventConsumer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CardEventConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final String topic;
  private final Properties properties;
  private final CardEventHandler handler;
  private final AtomicLong applied = new AtomicLong();
  private final Thread thread;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;

  public CardEventConsumer(
      String bootstrapServers, String groupId, String topic, CardEventHandler handler) {
    this.topic = topic;
    this.handler = handler;
    this.properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
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
    return applied.get();
  }

  public boolean isRunning() {
    return running && thread.isAlive();
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> kafka =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = kafka;
      kafka.subscribe(List.of(topic));
      LOG.infof("consuming %s as group %s", topic, properties.get(ConsumerConfig.GROUP_ID_CONFIG));
      long backoff = FIRST_BACKOFF_MS;
      while (running) {
        boolean failed = pollOnce(kafka);
        if (failed) {
          sleep(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        } else {
          backoff = FIRST_BACKOFF_MS;
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      running = false;
      LOG.infof("stopped consuming %s", topic);
    }
  }

  /** Handles one poll's records; returns whether a handler failed (and its partition rewound). */
  private boolean pollOnce(KafkaConsumer<String, byte[]> kafka) {
    ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    Set<TopicPartition> rewound = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      if (rewound.contains(partition)) {
        continue;
      }
      if (handle(record)) {
        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
      } else {
        kafka.seek(partition, record.offset());
        rewound.add(partition);
      }
    }
    if (!done.isEmpty()) {
      kafka.commitSync(done);
    }
    return !rewound.isEmpty();
  }

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
      applied.incrementAndGet();
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
      thread.join(Duration.ofSeconds(10).toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
