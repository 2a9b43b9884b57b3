package cn.bj.hrss.card.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three real brokers, each its own process: one is killed with {@code kill -9} while a producer
 * (acks=all, idempotent) and a reader go on; every acknowledged record is read back exactly once,
 * and the broker, started again on its data, rejoins every partition's in-sync replicas.
 */
class LocalKafkaClusterTest {

  private static final String TOPIC = "drill.v1";
  private static final int PARTITIONS = 6;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private LocalKafkaCluster cluster;
  private Admin admin;

  @AfterEach
  void stopEverything() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (cluster != null) {
      cluster.close();
      assertFalse(Files.exists(cluster.workDirectory()), "work directory deleted");
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aBrokerKilledAndStartedAgainLosesNoAcknowledgedRecordAndDuplicatesNone() throws Exception {
    long begin = System.nanoTime();
    cluster = LocalKafkaCluster.start(3, Files.createTempDirectory("local-kafka-cluster-test"));
    cluster.awaitReady(Duration.ofMinutes(2));
    say(
        "3 brokers ready in %d ms: %s (their class path: this JVM's, %d entries)",
        millisSince(begin),
        cluster.bootstrapServers(),
        System.getProperty("java.class.path").split(java.io.File.pathSeparator).length);

    admin = Admin.create(adminProperties());
    admin
        .createTopics(
            List.of(
                new NewTopic(TOPIC, PARTITIONS, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2"))))
        .all()
        .get(60, TimeUnit.SECONDS);
    awaitInSyncReplicas(Set.of(1, 2, 3));

    try (Drill drill = new Drill(cluster.adminProperties())) {
      drill.start();
      await("records acknowledged before the kill")
          .atMost(PATIENCE)
          .until(() -> drill.acknowledged.size() >= 1_000);

      int victim = leaderOfPartitionZero();
      long killedAt = System.nanoTime();
      cluster.stop(victim);
      assertFalse(cluster.isRunning(victim));
      int acknowledgedAtKill = drill.acknowledged.size();
      say("killed broker %d (kill -9) after %d acknowledged records", victim, acknowledgedAtKill);

      await("records acknowledged with broker " + victim + " dead")
          .atMost(PATIENCE)
          .until(() -> drill.acknowledged.size() >= acknowledgedAtKill + 1_000);
      Set<Integer> survivors =
          cluster.brokerIds().stream().filter(id -> id != victim).collect(Collectors.toSet());
      awaitInSyncReplicas(survivors);
      long shrunkAfter = millisSince(killedAt);
      Set<Integer> acknowledgedWhileDead = Set.copyOf(drill.acknowledged);
      await("every record acknowledged so far read, with broker " + victim + " dead")
          .atMost(PATIENCE)
          .until(() -> drill.read.keySet().containsAll(acknowledgedWhileDead));
      assertFalse(cluster.isRunning(victim));
      say(
          "with broker %d dead: in-sync replicas down to %s %d ms after the kill; %d records"
              + " acknowledged and read by then",
          victim, survivors, shrunkAfter, acknowledgedWhileDead.size());

      long restartedAt = System.nanoTime();
      cluster.start(victim);
      cluster.awaitReady(PATIENCE);
      long readyAfter = millisSince(restartedAt);
      awaitInSyncReplicas(Set.of(1, 2, 3));
      say(
          "broker %d started again: in the cluster after %d ms, in every in-sync replica set"
              + " after %d ms",
          victim, readyAfter, millisSince(restartedAt));

      int acknowledgedAtRestart = drill.acknowledged.size();
      await("records acknowledged after the restart")
          .atMost(PATIENCE)
          .until(() -> drill.acknowledged.size() >= acknowledgedAtRestart + 500);
      drill.stopProducing();
      await("every acknowledged record read back")
          .atMost(PATIENCE)
          .until(() -> drill.read.keySet().containsAll(drill.acknowledged));
      drill.stopReading();

      say(
          "produced %d, acknowledged %d, failed %d, read %d distinct (%d records read)",
          drill.sent.get(),
          drill.acknowledged.size(),
          drill.failed.get(),
          drill.read.size(),
          drill.recordsRead.get());
      assertEquals(0, drill.failed.get(), "sends that failed: " + drill.firstFailure.get());
      assertEquals(drill.sent.get(), drill.acknowledged.size(), "every send acknowledged");
      Map<Integer, Integer> duplicates = new TreeMap<>();
      drill.read.forEach(
          (record, times) -> {
            if (times > 1) {
              duplicates.put(record, times);
            }
          });
      assertEquals(Map.of(), duplicates, "records read more than once");
      assertEquals(drill.recordsRead.get(), drill.read.size());
      assertEquals(List.of(), drill.outOfOrder, "records out of order within a partition");
    }
    say("whole drill took %d ms", millisSince(begin));
  }

  /** A producer and a reader of the drill topic, each on its own thread. */
  private static final class Drill implements AutoCloseable {
    final AtomicInteger sent = new AtomicInteger();
    final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    final Map<Integer, Integer> read = new ConcurrentHashMap<>();
    final AtomicInteger recordsRead = new AtomicInteger();
    final List<String> outOfOrder = new ArrayList<>();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread producing = new Thread(this::produce, "drill-producer");
    private final Thread reading = new Thread(this::read, "drill-reader");
    private volatile boolean produce = true;
    private volatile boolean keepReading = true;
    private final AtomicReference<Throwable> readerFailure = new AtomicReference<>();

    /** Both clients as the admin principal (SCRAM-SHA-512 over TLS, like every client here). */
    Drill(Properties client) {
      Properties producerProps = new Properties();
      producerProps.putAll(client);
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
      producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
      producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
      Properties consumerProps = new Properties();
      consumerProps.putAll(client);
      // Positions are set here; a reset would re-read records and is an error of its own.
      consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
      consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      consumer =
          new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
    }

    void start() {
      producing.start();
      reading.start();
    }

    private void produce() {
      int next = 0;
      while (produce) {
        // About 2,000 records a second: steady, without starving the brokers of the two cores.
        for (int i = 0; i < 20 && produce; i++) {
          int record = next++;
          sent.incrementAndGet();
          try {
            producer.send(
                new ProducerRecord<>(TOPIC, "card-" + (record % 97), Integer.toString(record)),
                (metadata, error) -> {
                  if (error == null) {
                    acknowledged.add(record);
                  } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                  }
                });
          } catch (RuntimeException e) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e);
          }
        }
        pause(10);
      }
      producer.flush();
    }

    private void read() {
      try {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
          partitions.add(new TopicPartition(TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<String, Integer> lastPerKey = new HashMap<>();
        while (keepReading) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            int value = Integer.parseInt(record.value());
            read.merge(value, 1, Integer::sum);
            recordsRead.incrementAndGet();
            Integer previous = lastPerKey.put(record.key(), value);
            if (previous != null && previous >= value) {
              outOfOrder.add(record.key() + ": " + previous + " then " + value);
            }
          }
        }
      } catch (RuntimeException e) {
        readerFailure.set(e);
      }
    }

    void stopProducing() throws InterruptedException {
      produce = false;
      producing.join(TimeUnit.MINUTES.toMillis(3));
    }

    void stopReading() throws InterruptedException {
      keepReading = false;
      reading.join(TimeUnit.SECONDS.toMillis(30));
      if (readerFailure.get() != null) {
        throw new AssertionError("the reader failed", readerFailure.get());
      }
    }

    @Override
    public void close() throws InterruptedException {
      produce = false;
      keepReading = false;
      producing.join(TimeUnit.MINUTES.toMillis(3));
      reading.join(TimeUnit.SECONDS.toMillis(30));
      producer.close(Duration.ofSeconds(10));
      consumer.close(Duration.ofSeconds(10));
    }

    private static void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int leaderOfPartitionZero() throws Exception {
    return describe().partitions().get(0).leader().id();
  }

  /** Waits until every partition of the drill topic has exactly these in-sync replicas. */
  private void awaitInSyncReplicas(Set<Integer> expected) {
    await("in-sync replicas " + expected)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              for (TopicPartitionInfo partition : describe().partitions()) {
                Set<Integer> isr =
                    partition.isr().stream().map(n -> n.id()).collect(Collectors.toSet());
                if (!isr.equals(expected) || partition.leader() == null) {
                  return false;
                }
              }
              return true;
            });
  }

  private TopicDescription describe() throws Exception {
    return admin
        .describeTopics(List.of(TOPIC))
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .get(TOPIC);
  }

  private Properties adminProperties() {
    Properties props = cluster.adminProperties();
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "8000");
    return props;
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private static void say(String format, Object... args) {
    System.out.printf("[LocalKafkaClusterTest] " + format + "%n", args);
  }
}
