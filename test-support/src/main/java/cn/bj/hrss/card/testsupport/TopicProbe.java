package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.infra.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** Reads and writes a topic directly, as a test sees the broker: plain Kafka clients. */
public final class TopicProbe {

  private final Properties client;

  /** A probe of an unauthenticated broker (the in-JVM test broker). */
  public TopicProbe(String bootstrapServers) {
    this.client = new Properties();
    client.put("bootstrap.servers", bootstrapServers);
  }

  /**
   * A probe with a client's properties: bootstrap servers and security, e.g. {@link
   * LocalKafka#adminProperties()}.
   */
  public TopicProbe(Properties client) {
    this.client = new Properties();
    this.client.putAll(client);
  }

  private Properties properties() {
    Properties props = new Properties();
    props.putAll(client);
    return props;
  }

  /**
   * Reads the topic from the start until {@code expected} records with the given key arrived or the
   * timeout passed, and returns those records' values in topic order.
   */
  public List<byte[]> readByKey(String topic, String key, int expected, Duration timeout) {
    Properties props = properties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-probe-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<byte[]> values = new ArrayList<>();
    Predicate<ConsumerRecord<String, byte[]>> matches = r -> key.equals(r.key());
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      while (values.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (matches.test(record)) {
            values.add(record.value());
          }
        }
      }
    }
    return values;
  }

  /**
   * A new random key that the default partitioner puts on the same partition as {@code key}: an
   * event sent with it is consumed after everything sent before with {@code key}.
   */
  public String keyOnSamePartitionAs(String topic, String key) {
    Properties props = properties();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      int partitions = producer.partitionsFor(topic).size();
      int wanted = partitionOf(key, partitions);
      while (true) {
        String candidate = UUID.randomUUID().toString();
        if (partitionOf(candidate, partitions) == wanted) {
          return candidate;
        }
      }
    }
  }

  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Sends records with their keys, in order, and waits for the broker's acknowledgement. */
  public void send(String topic, String key, List<byte[]> values) {
    Properties props = properties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }
}
