package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
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
 * Reads one topic in a consumer group and hands each decoded record to a handler, in topic order
 * per partition. Offsets are committed only after the handler returned: delivery is at-least-once,
 * and the handler makes the effect exactly-once. With a {@link BatchHandler}, a poll's records of
 * one partition are applied in one transaction, and one at a time only when that fails. When the
 * handler fails, that partition alone is rewound to the record and paused, then retried with
 * backoff (0.5 s doubling to 30 s); the other partitions go on, and nothing is skipped. A record
 * the decoder cannot read ({@link MalformedEventException} or {@link UnreadableRecordException}) is
 * given to the loop's {@link Triage}, which sets it aside on a dead-letter topic; without a triage
 * it is skipped, with an error naming its partition and offset. The triage may also set aside a
 * readable record that must wait behind a dead letter of its key (ADR 15). A failed offset commit
 * (a rebalance, a broker away) is logged and the loop goes on: the records come back. Any other
 * failure closes the Kafka consumer and opens a new one after a pause, so the thread never dies
 * while the service runs. It never creates the topic.
 */
public final class RecordLoop<T> implements AutoCloseable {

  /** Applies one decoded record; a thrown exception means "not applied, retry". */
  @FunctionalInterface
  public interface Handler<T> {
    void handle(T value) throws Exception;
  }

  /**
   * Applies several decoded records of one partition, in their order, all or none (one
   * transaction). A thrown exception means "none applied": the loop then hands them to the {@link
   * Handler} one at a time, which finds the one that fails.
   */
  @FunctionalInterface
  public interface BatchHandler<T> {
    void handleAll(List<T> values) throws Exception;
  }

  /**
   * Looks at each record before the handler and may set it aside (a dead-letter topic). A thrown
   * exception means "could not decide": the partition is retried like a failed handler.
   */
  public interface Triage<T> {

    /** Called with the keys of one poll's records before any of them is looked at. */
    void startBatch(Collection<String> keys) throws Exception;

    /**
     * Whether {@link #setAside} might set this record aside, decided without side effects. The loop
     * applies the records before such a record first, so that nothing after a record that fails is
     * ever set aside (it would be set aside again when the partition is retried). When in doubt,
     * true.
     */
    default boolean maySetAside(
        ConsumerRecord<String, byte[]> record, RuntimeException unreadable) {
      return true;
    }

    /**
     * @param value the decoded value, or null when {@code unreadable} is not
     * @param unreadable why the record could not be decoded, or null
     * @return true if the record was set aside and must not be handled
     */
    boolean setAside(ConsumerRecord<String, byte[]> record, T value, RuntimeException unreadable)
        throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(RecordLoop.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private record Retry(Instant at, long nextBackoffMs) {}

  private final String topic;
  private final Properties properties;
  private final String groupId;
  private final Function<byte[], T> decoder;
  private final Function<T, String> describe;
  private final Handler<T> handler;
  private final BatchHandler<T> batchHandler;
  private final Triage<T> triage;
  private final AtomicLong handled = new AtomicLong();
  private final Map<TopicPartition, Retry> retries = new HashMap<>();
  private final Thread thread;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;

  /**
   * @param decoder reads a record's value; throws {@link MalformedEventException} for one it never
   *     can
   * @param describe names a record in logs, without personal data
   */
  public RecordLoop(
      String bootstrapServers,
      String groupId,
      String topic,
      Function<byte[], T> decoder,
      Function<T, String> describe,
      Handler<T> handler) {
    this(bootstrapServers, groupId, topic, decoder, describe, handler, null, null);
  }

  /**
   * @param batchHandler applies a poll's records of one partition together; null to apply each with
   *     {@code handler} in a transaction of its own
   * @param triage sets aside what cannot be handled (a dead-letter topic); null to skip unreadable
   *     records with an error
   */
  public RecordLoop(
      String bootstrapServers,
      String groupId,
      String topic,
      Function<byte[], T> decoder,
      Function<T, String> describe,
      Handler<T> handler,
      BatchHandler<T> batchHandler,
      Triage<T> triage) {
    this.batchHandler = batchHandler;
    this.triage = triage;
    this.topic = topic;
    this.groupId = groupId;
    this.decoder = decoder;
    this.describe = describe;
    this.handler = handler;
    this.properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.apply(properties);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // The topic is created by its producer, perhaps after this service started: look again soon.
    properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
    this.thread = new Thread(this::run, "records-" + groupId);
  }

  public void start() {
    running = true;
    thread.start();
  }

  /** Records handed to the handler without error since start (including skipped duplicates). */
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
    if (triage != null && !records.isEmpty()) {
      List<String> keys = new ArrayList<>();
      records.forEach(record -> keys.add(record.key()));
      try {
        triage.startBatch(keys);
      } catch (Exception e) {
        LOG.warnf("could not look at a batch of %s (%s); will retry", topic, e.toString());
        for (TopicPartition partition : records.partitions()) {
          retryLater(kafka, partition, records.records(partition).get(0).offset());
        }
        return;
      }
    }
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
      int handled = handlePartition(polled);
      if (handled > 0) {
        done.put(partition, new OffsetAndMetadata(polled.get(handled - 1).offset() + 1));
        retries.remove(partition);
      }
      if (handled < polled.size()) {
        retryLater(kafka, partition, polled.get(handled).offset());
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

  private void retryLater(
      KafkaConsumer<String, byte[]> kafka, TopicPartition partition, long offset) {
    kafka.seek(partition, offset);
    kafka.pause(List.of(partition));
    Retry previous = retries.get(partition);
    long backoff = previous == null ? FIRST_BACKOFF_MS : previous.nextBackoffMs();
    retries.put(
        partition,
        new Retry(Instant.now().plusMillis(backoff), Math.min(backoff * 2, MAX_BACKOFF_MS)));
  }

  /** A readable record the triage let through, waiting to be applied. */
  private record Ready<T>(int index, ConsumerRecord<String, byte[]> record, T value) {}

  /**
   * Handles one poll's records of a partition in their order: each is decoded and triaged, and the
   * ones to apply go to the batch handler together. Before a record that is unreadable or may be
   * set aside is triaged, the records before it are applied: a card's events are applied or set
   * aside in the topic's order, and when one fails, nothing after it has been set aside.
   *
   * @return how many records, from the first, are done (applied, set aside or skipped); the record
   *     at that index, if any, must be retried
   */
  private int handlePartition(List<ConsumerRecord<String, byte[]>> records) {
    List<Ready<T>> ready = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, byte[]> record = records.get(i);
      T value = null;
      RuntimeException unreadable = null;
      try {
        value = decoder.apply(record.value());
      } catch (MalformedEventException | UnreadableRecordException e) {
        unreadable = e;
      }
      boolean maySetAside =
          unreadable != null || (triage != null && triage.maySetAside(record, unreadable));
      if (maySetAside && !ready.isEmpty()) {
        int failed = apply(ready);
        if (failed >= 0) {
          return failed;
        }
        ready.clear();
      }
      if (triage != null) {
        try {
          if (triage.setAside(record, value, unreadable)) {
            continue;
          }
        } catch (Exception e) {
          LOG.warnf(
              "could not set aside the record at %s-%d offset %d (%s); will retry",
              record.topic(), record.partition(), record.offset(), e.toString());
          int failed = apply(ready);
          return failed >= 0 ? failed : i;
        }
      }
      if (unreadable != null) {
        // The decoder's message may quote the record; UnreadableRecordException's never does.
        LOG.errorf(
            "skipping an unreadable record at %s-%d offset %d: %s",
            record.topic(),
            record.partition(),
            record.offset(),
            UnreadableRecordException.reasonOf(unreadable));
        continue;
      }
      ready.add(new Ready<>(i, record, value));
    }
    int failed = apply(ready);
    return failed >= 0 ? failed : records.size();
  }

  /**
   * Applies the records in one batch if there is a batch handler, else (or when the batch fails)
   * one at a time.
   *
   * @return -1 if all were applied, else the index of the first one that was not
   */
  private int apply(List<Ready<T>> ready) {
    if (ready.isEmpty()) {
      return -1;
    }
    if (batchHandler != null && ready.size() > 1) {
      try {
        batchHandler.handleAll(ready.stream().map(Ready::value).toList());
        handled.addAndGet(ready.size());
        return -1;
      } catch (Exception e) {
        LOG.debugf("a batch of %d failed (%s); applying them one at a time", ready.size(), e);
      }
    }
    for (Ready<T> one : ready) {
      if (!handle(one.record(), one.value())) {
        return one.index();
      }
    }
    return -1;
  }

  private boolean handle(ConsumerRecord<String, byte[]> record, T value) {
    try {
      handler.handle(value);
      handled.incrementAndGet();
      return true;
    } catch (Exception e) {
      LOG.warnf(
          e,
          "could not apply %s at %s-%d offset %d; will retry",
          describe.apply(value),
          record.topic(),
          record.partition(),
          record.offset());
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
