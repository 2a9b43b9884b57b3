package cn.bj.hrss.card.consumer.deadletter;

import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Entry;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.identity.KeptTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The group's dead-letter topic {@code <group>.dead-letters.v1}: one partition, kept forever,
 * created on the first dead letter, written by an idempotent producer (acks=all) and read back by
 * partition and offset for a re-drive. A dead letter keeps the record's key, value and headers,
 * plus headers {@code dead-letter.reason}, {@code .source-topic}, {@code .source-partition}, {@code
 * .source-offset}, {@code .group}, {@code .time} and {@code .card-id}.
 */
final class DeadLetterTopic implements AutoCloseable {

  private static final String HEADER = "dead-letter.";
  private static final long SEND_TIMEOUT_S = 30;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String groupId;
  private final String name;
  private final short replicationFactor;
  private KafkaProducer<String, byte[]> producer;

  DeadLetterTopic(String bootstrapServers, String groupId, short replicationFactor) {
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.name = nameFor(groupId);
    this.replicationFactor = replicationFactor;
  }

  static String nameFor(String groupId) {
    return groupId + ".dead-letters.v1";
  }

  String name() {
    return name;
  }

  /** Writes {@code record} to the topic with why and where from, and waits for the broker. */
  synchronized RecordMetadata send(
      ConsumerRecord<String, byte[]> record, String reason, Instant now) throws Exception {
    if (producer == null) {
      // Created by the service on its first dead letter, kept forever like every suite topic.
      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      KafkaClientSecurity.apply(admin);
      KeptTopics.ensure(admin, name, 1, replicationFactor);
      Properties properties = new Properties();
      properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      KafkaClientSecurity.apply(properties);
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      properties.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dead-letters");
      properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
      producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    header(headers, "reason", reason);
    header(headers, "source-topic", record.topic());
    header(headers, "source-partition", Integer.toString(record.partition()));
    header(headers, "source-offset", Long.toString(record.offset()));
    header(headers, "group", groupId);
    header(headers, "time", now.toString());
    if (record.key() != null) {
      header(headers, "card-id", record.key());
    }
    return producer
        .send(new ProducerRecord<>(name, null, record.key(), record.value(), headers))
        .get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(HEADER + name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the dead letters' records from the topic, by partition and offset. */
  Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> fetch(List<Entry> entries) {
    Map<TopicPartition, TreeSet<Long>> wanted = new HashMap<>();
    for (Entry entry : entries) {
      wanted
          .computeIfAbsent(new TopicPartition(name, entry.partition()), p -> new TreeSet<>())
          .add(entry.offset());
    }
    Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> found = new HashMap<>();
    if (wanted.isEmpty()) {
      return found;
    }
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.apply(properties);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-redrive");
    try (KafkaConsumer<String, byte[]> kafka =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      for (Map.Entry<TopicPartition, TreeSet<Long>> partition : wanted.entrySet()) {
        TopicPartition at = partition.getKey();
        TreeSet<Long> offsets = partition.getValue();
        Map<Long, ConsumerRecord<String, byte[]>> records = new HashMap<>();
        kafka.assign(List.of(at));
        kafka.seek(at, offsets.first());
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (kafka.position(at) <= offsets.last() && Instant.now().isBefore(deadline)) {
          for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
            if (offsets.contains(record.offset())) {
              records.put(record.offset(), record);
            }
          }
        }
        found.put(at, records);
      }
    }
    return found;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
