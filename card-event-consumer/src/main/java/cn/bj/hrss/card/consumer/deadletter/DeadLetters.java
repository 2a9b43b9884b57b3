package cn.bj.hrss.card.consumer.deadletter;

import cn.bj.hrss.card.consumer.CardEventHandler;
import cn.bj.hrss.card.consumer.Jdbc;
import cn.bj.hrss.card.consumer.KeptTopics;
import cn.bj.hrss.card.consumer.UnreadableRecordException;
import cn.bj.hrss.card.consumer.observability.CardEventMetrics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.UnknownCardEvent;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A consumer group's dead letters (ADR 15): card events it cannot read, set aside on its own topic
 * {@code <group>.dead-letters.v1} (kept forever), and the later events of those cards, which wait
 * there behind them so that the other cards of the partition go on. The service's schema records
 * which cards are parked and indexes the dead letters, in the same transaction as the decision:
 *
 * <pre>
 * CREATE TABLE parked_card (card_id VARCHAR(64) PRIMARY KEY, reason VARCHAR(200) NOT NULL,
 *     parked_at TIMESTAMPTZ NOT NULL);
 * CREATE TABLE dead_letter (dlt_partition INT NOT NULL, dlt_offset BIGINT NOT NULL,
 *     card_id VARCHAR(64), reason VARCHAR(200) NOT NULL, event_type VARCHAR(100),
 *     event_version INT, sequence BIGINT, source_topic VARCHAR(249) NOT NULL,
 *     source_partition INT NOT NULL, source_offset BIGINT NOT NULL,
 *     dead_lettered_at TIMESTAMPTZ NOT NULL, done_at TIMESTAMPTZ, outcome VARCHAR(16),
 *     PRIMARY KEY (dlt_partition, dlt_offset));
 * </pre>
 *
 * A dead letter keeps the record's key and value bytes and headers, plus headers {@code
 * dead-letter.reason}, {@code .source-topic}, {@code .source-partition}, {@code .source-offset},
 * {@code .group}, {@code .time} and {@code .card-id}. Reasons never quote the record.
 */
public final class DeadLetters implements AutoCloseable {

  /** Why a readable event of a parked card is set aside. */
  public static final String BEHIND = "behind a dead letter of this card";

  /** Why an envelope of an event type or version this build does not know is set aside. */
  public static final String UNKNOWN = "unknown event type or version";

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);
  private static final String HEADER = "dead-letter.";
  private static final long SEND_TIMEOUT_S = 30;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final String COLUMNS =
      "dlt_partition, dlt_offset, card_id, reason, event_type, event_version, sequence,"
          + " source_topic, source_partition, source_offset, dead_lettered_at, done_at, outcome";

  /** One dead letter as operators list it: where it is and why, never what it says. */
  public record Entry(
      int partition,
      long offset,
      String cardId,
      String reason,
      String eventType,
      Integer eventVersion,
      Long sequence,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      Instant deadLetteredAt,
      Instant doneAt,
      String outcome) {}

  /** What a re-drive of one card did: events applied, and whether the card is still parked. */
  public record Outcome(String cardId, int applied, boolean parked, String reason) {}

  private final DataSource dataSource;
  private final String bootstrapServers;
  private final String groupId;
  private final String topic;
  private final short replicationFactor;
  private final Function<byte[], EventEnvelope> reader;
  private final AtomicLong written = new AtomicLong();
  private KafkaProducer<String, byte[]> producer;

  /**
   * @param reader reads a record as this build can apply it, throwing {@link
   *     UnreadableRecordException} otherwise ({@link #read} for the current build)
   */
  public DeadLetters(
      DataSource dataSource,
      String bootstrapServers,
      String groupId,
      short replicationFactor,
      Function<byte[], EventEnvelope> reader) {
    this.dataSource = dataSource;
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.topic = topicFor(groupId);
    this.replicationFactor = replicationFactor;
    this.reader = reader;
  }

  /**
   * The dead letters of the service's card-topic consumer, from {@code kafka.bootstrap.servers},
   * {@code card-events.group-id} and {@code card-events.dead-letters.replication-factor} (1 if
   * unset).
   */
  public static DeadLetters fromConfig(DataSource dataSource) {
    Config config = ConfigProvider.getConfig();
    return new DeadLetters(
        dataSource,
        config.getValue("kafka.bootstrap.servers", String.class),
        config.getValue("card-events.group-id", String.class),
        config
            .getOptionalValue("card-events.dead-letters.replication-factor", Short.class)
            .orElse((short) 1),
        DeadLetters::read);
  }

  public static String topicFor(String groupId) {
    return groupId + ".dead-letters.v1";
  }

  /**
   * Reads a card event as this build can apply it: an envelope of a known type and version (older
   * versions upcast). Anything else is unreadable, with a reason that does not quote the record.
   */
  public static EventEnvelope read(byte[] value) {
    EventEnvelope event;
    try {
      event = EventCodec.decode(value);
    } catch (MalformedEventException e) {
      throw UnreadableRecordException.of(e);
    }
    if (event.payload() instanceof UnknownCardEvent) {
      throw new UnreadableRecordException(UNKNOWN, event);
    }
    return event;
  }

  public String topic() {
    return topic;
  }

  /** Dead letters this instance wrote since it started (a counter for metrics). */
  public long deadLetterCount() {
    return written.get();
  }

  /** Dead letters neither re-driven nor discarded yet, over all instances (a gauge). */
  public long waitingCount() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM dead_letter WHERE done_at IS NULL");
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Which of these cards are parked (one query for a poll's records). */
  public Set<String> parked(Collection<String> cardIds) throws SQLException {
    Set<String> distinct = new HashSet<>(cardIds);
    distinct.remove(null);
    if (distinct.isEmpty()) {
      return Set.of();
    }
    Set<String> parked = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT card_id FROM parked_card WHERE card_id = ANY(?)")) {
      Array ids = connection.createArrayOf("varchar", distinct.toArray());
      statement.setArray(1, ids);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          parked.add(rows.getString(1));
        }
      }
    }
    return parked;
  }

  /**
   * Sets {@code record} aside if it is {@code unreadable}, or if its card (its key) is parked:
   * writes it to the dead-letter topic and waits for the broker, then indexes it and parks the card
   * in one transaction. The caller commits the source offset only after this returned. A crash in
   * between gives the record again, and a second dead letter that a re-drive finds applied already.
   *
   * @return true if set aside; false if the record is readable and its card is not parked
   */
  public boolean setAside(
      ConsumerRecord<String, byte[]> record,
      EventEnvelope event,
      UnreadableRecordException unreadable)
      throws Exception {
    String cardId = record.key();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        // The row lock orders this with a re-drive of the same card, which holds it throughout:
        // an event is either behind the re-drive's dead letters, or after the card is unparked.
        boolean parked = cardId != null && lockParked(connection, cardId) != null;
        if (unreadable == null && !parked) {
          return false;
        }
        EventEnvelope known = unreadable == null ? event : unreadable.envelope();
        String reason = unreadable == null ? BEHIND : unreadable.getMessage();
        Instant now = Instant.now();
        RecordMetadata at = send(record, reason, now);
        Jdbc.update(
            connection,
            "INSERT INTO dead_letter (dlt_partition, dlt_offset, card_id, reason, event_type,"
                + " event_version, sequence, source_topic, source_partition, source_offset,"
                + " dead_lettered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            at.partition(),
            at.offset(),
            cardId,
            reason,
            known == null ? null : known.eventType(),
            known == null ? null : known.eventVersion(),
            known == null ? null : known.sequence(),
            record.topic(),
            record.partition(),
            record.offset(),
            Timestamp.from(now));
        if (cardId != null && !parked) {
          Jdbc.update(
              connection,
              "INSERT INTO parked_card (card_id, reason, parked_at) VALUES (?, ?, ?)",
              cardId,
              reason,
              Timestamp.from(now));
        }
        connection.commit();
        written.incrementAndGet();
        CardEventMetrics.deadLettered(record.topic());
        LOG.warnf(
            "dead-lettered %s-%d offset %d (card %s, %s) to %s-%d offset %d",
            record.topic(),
            record.partition(),
            record.offset(),
            cardId,
            reason,
            topic,
            at.partition(),
            at.offset());
        return true;
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** The dead letters, oldest first: those waiting, or with {@code all} also those done. */
  public List<Entry> list(String cardId, boolean all) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM dead_letter WHERE (CAST(? AS VARCHAR) IS NULL OR card_id = ?)"
                    + " AND (? OR done_at IS NULL) ORDER BY dlt_partition, dlt_offset")) {
      statement.setString(1, cardId);
      statement.setString(2, cardId);
      statement.setBoolean(3, all);
      return entries(statement);
    }
  }

  /**
   * Marks one dead letter done without applying it (a stray record that was never one of the card's
   * events); the card stays parked until a re-drive.
   *
   * @return false if there is no such waiting dead letter
   */
  public boolean discard(int partition, long offset) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      int changed =
          Jdbc.update(
              connection,
              "UPDATE dead_letter SET done_at = ?, outcome = 'DISCARDED'"
                  + " WHERE dlt_partition = ? AND dlt_offset = ? AND done_at IS NULL",
              Timestamp.from(Instant.now()),
              partition,
              offset);
      if (changed == 1) {
        LOG.infof("dead letter %s-%d offset %d discarded by an operator", topic, partition, offset);
      }
      return changed == 1;
    }
  }

  /**
   * Feeds a card's waiting dead letters (all cards' if {@code cardId} is null) through {@code
   * handler}, in order. A card whose dead letters all apply is unparked; at the first that fails
   * the card stays parked with the new reason. A duplicate dead letter is applied once: the
   * handler's position claim skips it.
   */
  public List<Outcome> redrive(String cardId, CardEventHandler handler) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    if (cardId != null) {
      outcomes.add(redriveCard(cardId, handler));
      return outcomes;
    }
    for (String card : waitingCards()) {
      outcomes.add(redriveCard(card, handler));
    }
    for (Entry alone : list(null, false)) {
      if (alone.cardId() == null) {
        outcomes.add(redriveAlone(alone, handler));
      }
    }
    return outcomes;
  }

  private Outcome redriveCard(String cardId, CardEventHandler handler) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        // Held until the end: the live consumer waits to decide about this card's next event.
        boolean parked = lockParked(connection, cardId) != null;
        List<Entry> waiting;
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM dead_letter WHERE card_id = ? AND done_at IS NULL"
                    + " ORDER BY dlt_partition, dlt_offset")) {
          statement.setString(1, cardId);
          waiting = entries(statement);
        }
        Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> records = fetch(waiting);
        int applied = 0;
        for (Entry entry : waiting) {
          String failure = apply(records, entry, handler);
          if (failure != null) {
            markFailed(connection, entry, failure);
            if (parked) {
              Jdbc.update(
                  connection,
                  "UPDATE parked_card SET reason = ? WHERE card_id = ?",
                  failure,
                  cardId);
            } else {
              Jdbc.update(
                  connection,
                  "INSERT INTO parked_card (card_id, reason, parked_at) VALUES (?, ?, ?)",
                  cardId,
                  failure,
                  Timestamp.from(Instant.now()));
            }
            connection.commit();
            LOG.warnf("re-drive of card %s stopped after %d events: %s", cardId, applied, failure);
            return new Outcome(cardId, applied, true, failure);
          }
          markDone(connection, entry);
          applied++;
        }
        Jdbc.update(connection, "DELETE FROM parked_card WHERE card_id = ?", cardId);
        connection.commit();
        LOG.infof("re-drove card %s: %d dead letters applied; unparked", cardId, applied);
        return new Outcome(cardId, applied, false, null);
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private Outcome redriveAlone(Entry entry, CardEventHandler handler) throws Exception {
    String failure = apply(fetch(List.of(entry)), entry, handler);
    try (Connection connection = dataSource.getConnection()) {
      if (failure == null) {
        markDone(connection, entry);
      } else {
        markFailed(connection, entry, failure);
      }
    }
    return new Outcome(null, failure == null ? 1 : 0, false, failure);
  }

  /** Applies one dead letter; returns why it failed, or null. */
  private String apply(
      Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> records,
      Entry entry,
      CardEventHandler handler) {
    ConsumerRecord<String, byte[]> record =
        records
            .getOrDefault(new TopicPartition(topic, entry.partition()), Map.of())
            .get(entry.offset());
    if (record == null) {
      return "not found in " + topic;
    }
    try {
      handler.handle(reader.apply(record.value()));
      return null;
    } catch (UnreadableRecordException | MalformedEventException e) {
      return UnreadableRecordException.reasonOf(e);
    } catch (Exception e) {
      LOG.warnf(e, "re-drive of %s-%d offset %d failed", topic, entry.partition(), entry.offset());
      // A handler's message may hold values of the event; a sequence gap's does not.
      String reason =
          e.getClass().getSimpleName().equals("SequenceGapException")
              ? e.getMessage()
              : "not applied: " + e.getClass().getSimpleName();
      return reason.length() <= 200 ? reason : reason.substring(0, 200);
    }
  }

  private static void markDone(Connection connection, Entry entry) throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE dead_letter SET done_at = ?, outcome = 'REDRIVEN'"
            + " WHERE dlt_partition = ? AND dlt_offset = ?",
        Timestamp.from(Instant.now()),
        entry.partition(),
        entry.offset());
  }

  private static void markFailed(Connection connection, Entry entry, String reason)
      throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE dead_letter SET reason = ? WHERE dlt_partition = ? AND dlt_offset = ?",
        reason,
        entry.partition(),
        entry.offset());
  }

  private List<String> waitingCards() throws SQLException {
    List<String> cards = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT card_id FROM dead_letter WHERE done_at IS NULL AND card_id IS NOT NULL"
                    + " GROUP BY card_id ORDER BY min(dlt_offset)");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        cards.add(rows.getString(1));
      }
    }
    return cards;
  }

  /** Locks the card's parked row, if any, and returns its reason (null: not parked). */
  private static String lockParked(Connection connection, String cardId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT reason FROM parked_card WHERE card_id = ? FOR UPDATE")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static List<Entry> entries(PreparedStatement statement) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        entries.add(
            new Entry(
                rows.getInt("dlt_partition"),
                rows.getLong("dlt_offset"),
                rows.getString("card_id"),
                rows.getString("reason"),
                rows.getString("event_type"),
                (Integer) rows.getObject("event_version"),
                (Long) rows.getObject("sequence"),
                rows.getString("source_topic"),
                rows.getInt("source_partition"),
                rows.getLong("source_offset"),
                Jdbc.instant(rows, "dead_lettered_at"),
                Jdbc.instant(rows, "done_at"),
                rows.getString("outcome")));
      }
    }
    return entries;
  }

  private synchronized RecordMetadata send(
      ConsumerRecord<String, byte[]> record, String reason, Instant now) throws Exception {
    if (producer == null) {
      // Created by the service on its first dead letter, kept forever like every suite topic.
      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      KafkaClientSecurity.apply(admin);
      KeptTopics.ensure(admin, topic, 1, replicationFactor);
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
        .send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
        .get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(HEADER + name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the dead letters' records from the topic, by partition and offset. */
  private Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> fetch(
      List<Entry> entries) {
    Map<TopicPartition, TreeSet<Long>> wanted = new HashMap<>();
    for (Entry entry : entries) {
      wanted
          .computeIfAbsent(new TopicPartition(topic, entry.partition()), p -> new TreeSet<>())
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
