package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
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
import org.jboss.logging.Logger;

/**
 * Reads one topic in a consumer group with the same guarantees as card-event-consumer's
 * CardEventConsumer, for any record type: offsets committed only after the handler returned; a
 * failed record rewinds and pauses its partition alone, retried with backoff (0.5 s doubling to 30
 * s); a record the decoder cannot read ({@link MalformedEventException}) is logged and skipped; any
 * other failure reopens the consumer after a pause. Used here for production alerts.
 */
final class KafkaRecordLoop<T> implements AutoCloseable {

  /** Applies one decoded record; a thrown exception means "not applied, retry". */
  @FunctionalInterface
  interface Handler<T> {
    void handle(T value) throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(KafkaRecordLoop.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private record Retry(Instant at, long nextBackoffMs) {}

  private final String topic;
  private final Properties properties;
  private final Function<byte[], T> decoder;
  private final Handler<T> handler;
  private final Map<TopicPartition, Retry> retries = new HashMap<>();
  private final Thread thread;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;

  KafkaRecordLoop(
      String bootstrapServers,
      String groupId,
      String topic,
      Function<byte[], T> decoder,
      Handler<T> handler) {
    this.topic = topic;
    this.decoder = decoder;
    this.handler = handler;
    this.properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // The topic is created by its producer, perhaps after this service started: look again soon.
    properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
    this.thread = new Thread(this::run, "records-" + groupId);
  }

  void start() {
    running = true;
    thread.start();
  }

  boolean isRunning() {
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
  }

  private void pollOnce(KafkaConsumer<String, byte[]> kafka) {
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
    ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (!handle(record)) {
          kafka.seek(partition, record.offset());
          kafka.pause(List.of(partition));
          Retry previous = retries.get(partition);
          long backoff = previous == null ? FIRST_BACKOFF_MS : previous.nextBackoffMs();
          retries.put(
              partition,
              new Retry(Instant.now().plusMillis(backoff), Math.min(backoff * 2, MAX_BACKOFF_MS)));
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
        LOG.warnf("could not commit offsets (%s); those records will come again", e.toString());
      }
    }
  }

  private boolean handle(ConsumerRecord<String, byte[]> record) {
    T value;
    try {
      value = decoder.apply(record.value());
    } catch (MalformedEventException e) {
      LOG.errorf(
          "skipping an unreadable record at %s-%d offset %d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return true;
    }
    try {
      handler.handle(value);
      return true;
    } catch (Exception e) {
      LOG.warnf(
          "could not apply the record at %s-%d offset %d (%s); will retry",
          record.topic(), record.partition(), record.offset(), e.getMessage());
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
        thread.interrupt();
        thread.join(Duration.ofSeconds(13).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
