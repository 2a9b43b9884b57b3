package cn.bj.hrss.card.consumer.rebuild;

import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.State;
import cn.bj.hrss.card.consumer.rebuild.RebuildProgress.Tally;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The replay into the copy: applies the card topic's events to the copy's tables with the service's
 * own projection code, in one transaction per poll, never ahead of the live projection (an event is
 * applied only once the live position of its card is at or beyond it). The copy's positions are
 * read and written once per poll, as the replay is their only writer, and the poll's changes are
 * made together ({@link CardEventChange#applyAll}, ADR 33).
 */
final class CopyReplay {

  private static final Logger LOG = Logger.getLogger(CopyReplay.class);
  static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RECHECK = Duration.ofMillis(500);
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);

  private final String service;
  private final ShadowSchema schema;
  private final CardEventChange change;
  private final Function<Tally, RebuildProgress> report;

  /**
   * @param report publishes the tally in the rebuild's current state and returns the new progress
   */
  CopyReplay(
      String service,
      ShadowSchema schema,
      CardEventChange change,
      Function<Tally, RebuildProgress> report) {
    this.service = service;
    this.schema = schema;
    this.change = change;
    this.report = report;
  }

  /** A consumer of the rebuild's own: no group, nothing committed, large polls. */
  static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String groupId) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.apply(properties);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-rebuild");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Replays until every partition is either at its end or at an event the live projection has not
   * applied yet. While the live consumer runs (REPLAYING), a partition held at such an event is
   * looked at again every half second.
   */
  void untilCaughtUp(Connection connection, KafkaConsumer<String, byte[]> kafka, Tally tally)
      throws SQLException {
    Instant recheck = Instant.now().plus(RECHECK);
    Instant logAt = Instant.now().plus(LOG_EVERY);
    while (true) {
      round(connection, kafka, kafka.poll(POLL), tally);
      tally.end = kafka.endOffsets(kafka.assignment());
      tally.left = 0;
      boolean caughtUp = true;
      for (TopicPartition partition : kafka.assignment()) {
        long position = kafka.position(partition);
        tally.left += Math.max(0, tally.end.get(partition) - position);
        if (position < tally.end.get(partition) && !tally.blocked.containsKey(partition)) {
          caughtUp = false;
        }
      }
      RebuildProgress progress = report.apply(tally);
      if (caughtUp) {
        return;
      }
      Instant now = Instant.now();
      if (now.isAfter(logAt)) {
        LOG.infof(
            "rebuild of %s: %d events applied (%d/s), %d left",
            service, tally.applied, progress.eventsPerSecond(), tally.left);
        logAt = now.plus(LOG_EVERY);
      }
      if (progress.state() == State.REPLAYING && now.isAfter(recheck)) {
        kafka.resume(tally.blocked.keySet());
        recheck = now.plus(RECHECK);
      }
    }
  }

  /** Applies one poll's events to the copy, in one transaction. */
  private void round(
      Connection connection,
      KafkaConsumer<String, byte[]> kafka,
      ConsumerRecords<String, byte[]> records,
      Tally tally)
      throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    Map<TopicPartition, List<Decoded>> decoded = new LinkedHashMap<>();
    List<String> cards = new ArrayList<>();
    for (TopicPartition partition : records.partitions()) {
      List<Decoded> events = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        try {
          EventEnvelope event = EventCodec.decode(record.value());
          events.add(new Decoded(record.offset(), event));
          cards.add(event.cardId());
        } catch (MalformedEventException e) {
          events.add(new Decoded(record.offset(), null));
        }
      }
      decoded.put(partition, events);
    }
    Map<String, Long> livePositions = schema.livePositions(connection, cards);
    // The replay is the copy's only writer: its positions are read once per poll, kept here, and
    // written once per poll, instead of one statement per event.
    Map<String, Long> copyPositions = schema.copyPositions(connection, cards);
    Map<String, Long> moved = new HashMap<>();
    List<EventEnvelope> next = new ArrayList<>();
    Set<String> parked = null;
    for (Map.Entry<TopicPartition, List<Decoded>> entry : decoded.entrySet()) {
      TopicPartition partition = entry.getKey();
      tally.blocked.remove(partition);
      for (Decoded record : entry.getValue()) {
        if (record.event() == null) {
          tally.skipped++; // unreadable: the live consumer skips it too
          continue;
        }
        Long applied = livePositions.get(record.event().cardId());
        if (applied == null || applied < record.event().sequence()) {
          if (parked == null) {
            parked = parkedCards(connection, cards);
          }
          if (parked.contains(record.event().cardId())) {
            // The live consumer set it aside (ADR 15): the copy leaves it out too, and a re-drive
            // after the switch applies it to the projection then live.
            tally.skipped++;
            continue;
          }
          kafka.seek(partition, record.offset());
          kafka.pause(List.of(partition));
          tally.blocked.put(partition, record.offset());
          break;
        }
        EventEnvelope event = record.event();
        if (CardEventPositions.isNext(
            event.cardId(), event.sequence(), copyPositions.get(event.cardId()))) {
          next.add(event);
          copyPositions.put(event.cardId(), event.sequence());
          moved.put(event.cardId(), event.sequence());
        }
        tally.applied++;
      }
    }
    // The poll's changes by sets (ADR 33): a card's events of the poll in rounds, each round one
    // batch per statement shape, where the service gives a batch form.
    change.applyAll(connection, next);
    CardEventPositions.save(connection, moved);
    connection.commit();
  }

  private record Decoded(long offset, EventEnvelope event) {}

  /** Which of these cards the live consumer has parked behind a dead letter. */
  private Set<String> parkedCards(Connection connection, List<String> cards) throws SQLException {
    Set<String> parked = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT card_id FROM " + schema.live() + ".parked_card WHERE card_id = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("varchar", cards.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          parked.add(rows.getString(1));
        }
      }
    }
    return parked;
  }
}
