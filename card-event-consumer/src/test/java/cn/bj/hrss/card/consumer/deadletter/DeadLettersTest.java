package cn.bj.hrss.card.consumer.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.consumer.CardEventConsumer;
import cn.bj.hrss.card.consumer.CardEventHandler;
import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Entry;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters.Outcome;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Dead letters against a real broker and a real PostgreSQL (ADR 15). */
class DeadLettersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrap = LocalInfrastructure.shared().kafka().bootstrapServers();
  private final List<String> applied = new CopyOnWriteArrayList<>();
  private final String group = "dlt-test-" + UUID.randomUUID();
  private PGSimpleDataSource dataSource;

  /** Each test has a schema of its own, as each service has. */
  @BeforeEach
  void createSchema() throws SQLException {
    LocalPostgres postgres = LocalInfrastructure.shared().postgres();
    String schema = "dlt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    dataSource.setUser(postgres.user());
    dataSource.setPassword(postgres.password());
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute("SET search_path TO " + schema);
      s.execute(
          "CREATE TABLE card_event_position"
              + " (card_id VARCHAR(64) PRIMARY KEY, last_sequence BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE parked_card (card_id VARCHAR(64) PRIMARY KEY,"
              + " reason VARCHAR(200) NOT NULL, parked_at TIMESTAMPTZ NOT NULL)");
      s.execute(
          "CREATE TABLE dead_letter (dlt_partition INT NOT NULL, dlt_offset BIGINT NOT NULL,"
              + " card_id VARCHAR(64), reason VARCHAR(200) NOT NULL, event_type VARCHAR(100),"
              + " event_version INT, sequence BIGINT, source_topic VARCHAR(249) NOT NULL,"
              + " source_partition INT NOT NULL, source_offset BIGINT NOT NULL,"
              + " dead_lettered_at TIMESTAMPTZ NOT NULL, done_at TIMESTAMPTZ,"
              + " outcome VARCHAR(16), PRIMARY KEY (dlt_partition, dlt_offset))");
    }
    dataSource.setCurrentSchema(schema);
  }

  /** A projection that records each applied event, once, by the card's position. */
  private final CardEventHandler handler =
      event -> {
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(false);
          CardEventPositions.applyOnce(
              c, event, connection -> applied.add(event.cardId() + "#" + event.sequence()));
          c.commit();
        }
      };

  /** This build: what it cannot read goes to the dead letters. */
  private DeadLetters deadLetters() {
    return new DeadLetters(dataSource, bootstrap, group, (short) 1, DeadLetters::read);
  }

  /** "The fix": a later build that knows the event type and version this one did not. */
  private DeadLetters fixedBuild() {
    return new DeadLetters(dataSource, bootstrap, group, (short) 1, EventCodec::decode);
  }

  private String newTopic() throws Exception {
    String topic = "dlt-source-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    return topic;
  }

  private void send(String topic, String key, byte[]... values) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
      }
    }
  }

  /**
   * A golden event of {@code type} for the card, as its {@code sequence}-th, at {@code version}.
   */
  private static byte[] event(String type, String cardId, long sequence, Integer version)
      throws Exception {
    ObjectNode node =
        (ObjectNode)
            JSON.readTree(
                GoldenSamples.jsonForCard(
                    EventTypes.ALL.stream()
                        .filter(t -> t.name().equals(type))
                        .findFirst()
                        .orElseThrow(),
                    cardId));
    node.put("sequence", sequence);
    if (version != null) {
      node.put("eventVersion", version);
    }
    return JSON.writeValueAsBytes(node);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertTrue(condition.getAsBoolean(), "not reached in 30 s");
  }

  private CardEventConsumer consumer(String topic, DeadLetters deadLetters) {
    CardEventConsumer consumer =
        new CardEventConsumer(bootstrap, group, topic, handler, deadLetters);
    consumer.start();
    return consumer;
  }

  @Test
  void
      an_unknown_version_parks_its_card_the_others_go_on_and_a_redrive_after_the_fix_applies_in_order()
          throws Exception {
    String topic = newTopic();
    send(topic, "A", event("CardRequested", "A", 0, null));
    send(topic, "A", event("CardProduced", "A", 1, 9));
    send(topic, "B", event("CardRequested", "B", 0, null));
    send(topic, "A", event("CardDispatched", "A", 2, null));
    send(topic, "B", event("CardProduced", "B", 1, null));

    DeadLetters deadLetters = deadLetters();
    try (CardEventConsumer consumer = consumer(topic, deadLetters)) {
      await(() -> applied.size() == 3 && deadLetters.deadLetterCount() == 2);
      assertEquals(List.of("A#0", "B#0", "B#1"), applied);

      List<Entry> entries = deadLetters.list(null, false);
      assertEquals(2, entries.size());
      Entry unknown = entries.get(0);
      assertEquals("A", unknown.cardId());
      assertEquals(DeadLetters.UNKNOWN, unknown.reason());
      assertEquals("CardProduced", unknown.eventType());
      assertEquals(9, unknown.eventVersion());
      assertEquals(1L, unknown.sourceOffset());
      Entry behind = entries.get(1);
      assertEquals(DeadLetters.BEHIND, behind.reason());
      assertEquals(2L, behind.sequence());
      assertEquals(3L, behind.sourceOffset());
      assertEquals(Map.of("A", 0L), positions("A"));

      // The same build still cannot read it: the card stays parked, nothing applied.
      assertEquals(
          List.of(new Outcome("A", 0, true, DeadLetters.UNKNOWN)),
          deadLetters.redrive("A", handler));
      assertEquals(3, applied.size());

      try (DeadLetters fixed = fixedBuild()) {
        assertEquals(List.of(new Outcome("A", 2, false, null)), fixed.redrive("A", handler));
      }
      assertTrue(deadLetters.list(null, false).isEmpty());
      assertEquals(2, deadLetters.list(null, true).size());

      send(topic, "A", event("CardCollected", "A", 3, null));
      await(() -> applied.size() == 6);
      assertEquals(List.of("A#0", "B#0", "B#1", "A#1", "A#2", "A#3"), applied);
      assertEquals(2, deadLetters.deadLetterCount());
    } finally {
      deadLetters.close();
    }
  }

  @Test
  void unreadable_records_go_to_the_dead_letter_topic_with_their_reason_and_source()
      throws Exception {
    String topic = newTopic();
    byte[] garbage = "Wang Xiaoming 13800138000".getBytes(StandardCharsets.UTF_8);
    send(topic, "C", garbage);
    send(topic, null, "{}".getBytes(StandardCharsets.UTF_8));
    send(topic, "E", event("CardRequested", "E", 0, null));
    send(topic, "C", event("CardRequested", "C", 0, null));
    send(topic, "D", event("CardRequested", "D", 0, null));
    byte[] unknownType =
        new String(event("CardProduced", "E", 1, null), StandardCharsets.UTF_8)
            .replace("\"CardProduced\"", "\"CardRecalledByFactory\"")
            .getBytes(StandardCharsets.UTF_8);
    send(topic, "E", unknownType);

    DeadLetters deadLetters = deadLetters();
    try (CardEventConsumer consumer = consumer(topic, deadLetters)) {
      await(() -> deadLetters.deadLetterCount() == 4 && applied.size() == 2);
    }
    assertEquals(List.of("E#0", "D#0"), applied);
    List<Entry> entries = deadLetters.list(null, false);
    assertEquals(
        List.of(
            "C|unreadable: not JSON|0",
            "null|unreadable: missing envelope field 'eventId'|1",
            "C|" + DeadLetters.BEHIND + "|3",
            "E|" + DeadLetters.UNKNOWN + "|5"),
        entries.stream().map(e -> e.cardId() + "|" + e.reason() + "|" + e.sourceOffset()).toList());
    assertEquals("CardRecalledByFactory", entries.get(3).eventType());
    assertEquals(Map.of("C", true, "E", true), parked("C", "E"));

    // The dead letter itself: the original key and bytes, the reason and the source in headers.
    ConsumerRecord<String, byte[]> first = readDeadLetterTopic().get(0);
    assertEquals("C", first.key());
    assertEquals(
        new String(garbage, StandardCharsets.UTF_8),
        new String(first.value(), StandardCharsets.UTF_8));
    assertEquals("unreadable: not JSON", header(first, "reason"));
    assertEquals(topic, header(first, "source-topic"));
    assertEquals("0", header(first, "source-offset"));
    assertEquals(group, header(first, "group"));
    assertEquals("C", header(first, "card-id"));
    assertFalse(header(first, "reason").contains("Wang"));

    // The stray record was never one of C's events: discarded, C's own event then applies.
    assertTrue(deadLetters.discard(entries.get(0).partition(), entries.get(0).offset()));
    assertEquals(List.of(new Outcome("C", 1, false, null)), deadLetters.redrive("C", handler));
    assertEquals(List.of("E#0", "D#0", "C#0"), applied);
    assertEquals(Map.of("E", true), parked("C", "E"));
    deadLetters.close();
  }

  @Test
  void a_crash_before_the_offset_commit_gives_duplicate_dead_letters_that_apply_once()
      throws Exception {
    String topic = newTopic();
    send(topic, "A", event("CardRequested", "A", 0, null));
    send(topic, "A", event("CardProduced", "A", 1, 9));
    send(topic, "A", event("CardDispatched", "A", 2, null));
    DeadLetters first = deadLetters();
    try (CardEventConsumer consumer = consumer(topic, first)) {
      await(() -> first.deadLetterCount() == 2);
    }
    first.close();
    // As if the consumer had died after writing the dead letters, before committing its offsets.
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      ConsumerGroups.moveTo(admin, group, Map.of(new TopicPartition(topic, 0), 0L));
    }
    DeadLetters again = deadLetters();
    try (CardEventConsumer consumer = consumer(topic, again)) {
      // A#0 (applied before, now behind A's dead letter), A#1 and A#2 again: three.
      await(() -> again.deadLetterCount() == 3);
    }
    again.close();
    // A#1 and A#2 twice, and A#0 once more: applied before, but now behind A's dead letter.
    assertEquals(5, again.list("A", false).size());

    try (DeadLetters fixed = fixedBuild()) {
      assertEquals(List.of(new Outcome("A", 5, false, null)), fixed.redrive(null, handler));
    }
    assertEquals(List.of("A#0", "A#1", "A#2"), applied);
    assertEquals(Map.of("A", 2L), positions("A"));
  }

  private Map<String, Long> positions(String card) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var s =
            c.prepareStatement("SELECT last_sequence FROM card_event_position WHERE card_id = ?")) {
      s.setString(1, card);
      try (var r = s.executeQuery()) {
        return r.next() ? Map.of(card, r.getLong(1)) : Map.of();
      }
    }
  }

  private Map<String, Boolean> parked(String... cards) throws SQLException {
    Map<String, Boolean> parked = new HashMap<>();
    for (String card : deadLetters().parked(List.of(cards))) {
      parked.put(card, true);
    }
    return parked;
  }

  private List<ConsumerRecord<String, byte[]>> readDeadLetterTopic() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> kafka =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(DeadLetters.topicFor(group), 0);
      kafka.assign(List.of(partition));
      kafka.seekToBeginning(List.of(partition));
      Instant deadline = Instant.now().plusSeconds(10);
      while (records.isEmpty() && Instant.now().isBefore(deadline)) {
        kafka.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertTrue(!records.isEmpty(), "no record on " + DeadLetters.topicFor(group) + " within 10 s");
    return records;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader("dead-letter." + name);
    assertTrue(header != null, "no header " + name);
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
