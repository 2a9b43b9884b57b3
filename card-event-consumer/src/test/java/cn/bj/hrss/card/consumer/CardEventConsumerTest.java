package cn.bj.hrss.card.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

  private void awaitApplied(int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (applied.size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
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
      Thread.sleep(Duration.ofMillis(500).toMillis());
    }

    assertEquals(List.of("C#0"), applied);
  }
}
