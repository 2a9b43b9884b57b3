package cn.bj.hrss.card.consumer.deadletter;

import cn.bj.hrss.card.consumer.CardEventHandler;
import cn.bj.hrss.card.consumer.UnreadableRecordException;
import cn.bj.hrss.card.consumer.observability.CardEventMetrics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.UnknownCardEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A consumer group's dead letters (ADR 15): card events it cannot read, set aside on its own topic
 * {@code <group>.dead-letters.v1} (kept forever), and the later events of those cards, which wait
 * there behind them so that the other cards of the partition go on. The service's schema records
 * which cards are parked and indexes the dead letters, in the same transaction as the decision (the
 * tables come from this library's Flyway location {@code db/card-event-consumer}, ADR 26):
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
 *
 * <p>The parts: {@link DeadLetterTopic} (the topic), {@link DeadLetterStore} (the two tables) and
 * {@link Redrive}; this class decides what is set aside.
 */
public final class DeadLetters implements AutoCloseable {

  /** Why a readable event of a parked card is set aside. */
  public static final String BEHIND = "behind a dead letter of this card";

  /** Why an envelope of an event type or version this build does not know is set aside. */
  public static final String UNKNOWN = "unknown event type or version";

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

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

  private final DeadLetterStore store;
  private final DeadLetterTopic topic;
  private final Redrive redrive;
  private final AtomicLong written = new AtomicLong();

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
    this.store = new DeadLetterStore(dataSource);
    this.topic = new DeadLetterTopic(bootstrapServers, groupId, replicationFactor);
    this.redrive = new Redrive(store, topic, reader);
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
    return DeadLetterTopic.nameFor(groupId);
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
    return topic.name();
  }

  /** Dead letters this instance wrote since it started (a counter for metrics). */
  public long deadLetterCount() {
    return written.get();
  }

  /** Dead letters neither re-driven nor discarded yet, over all instances (a gauge). */
  public long waitingCount() throws SQLException {
    return store.waitingCount();
  }

  /** Which of these cards are parked (one query for a poll's records). */
  public Set<String> parked(Collection<String> cardIds) throws SQLException {
    return store.parked(cardIds);
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
    try (Connection connection = store.dataSource().getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        // The row lock orders this with a re-drive of the same card, which holds it throughout:
        // an event is either behind the re-drive's dead letters, or after the card is unparked.
        boolean parked = cardId != null && DeadLetterStore.lockParked(connection, cardId) != null;
        if (unreadable == null && !parked) {
          return false;
        }
        EventEnvelope known = unreadable == null ? event : unreadable.envelope();
        String reason = unreadable == null ? BEHIND : unreadable.getMessage();
        Instant now = Instant.now();
        RecordMetadata at = topic.send(record, reason, now);
        DeadLetterStore.index(
            connection,
            new Entry(
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
                now,
                null,
                null));
        if (cardId != null && !parked) {
          DeadLetterStore.park(connection, cardId, reason, now);
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
            topic.name(),
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
    return store.list(cardId, all);
  }

  /**
   * Marks one dead letter done without applying it (a stray record that was never one of the card's
   * events); the card stays parked until a re-drive.
   *
   * @return false if there is no such waiting dead letter
   */
  public boolean discard(int partition, long offset) throws SQLException {
    boolean discarded = store.discard(partition, offset);
    if (discarded) {
      LOG.infof(
          "dead letter %s-%d offset %d discarded by an operator", topic.name(), partition, offset);
    }
    return discarded;
  }

  /**
   * Feeds a card's waiting dead letters (all cards' if {@code cardId} is null) through {@code
   * handler}, in order. A card whose dead letters all apply is unparked; at the first that fails
   * the card stays parked with the new reason. A duplicate dead letter is applied once: the
   * handler's position claim skips it.
   */
  public List<Outcome> redrive(String cardId, CardEventHandler handler) throws Exception {
    return redrive.run(cardId, handler);
  }

  @Override
  public void close() {
    topic.close();
  }
}
