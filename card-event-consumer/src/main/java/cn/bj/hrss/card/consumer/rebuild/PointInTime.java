package cn.bj.hrss.card.consumer.rebuild;

import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.Layout;
import cn.bj.hrss.card.consumer.rebuild.RebuildProgress.Tally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The point-in-time selection of a rebuild from a moment: the cards with a record at or after it
 * (read from the first such offset of each partition to the current end) are rebuilt; every other
 * card's rows (and its position) are copied from the live projection into the copy, in one
 * snapshot. The replay then reads the whole topic as usual: a carried-over card's earlier events
 * are skipped by its copied position, and its later events are applied.
 */
final class PointInTime {

  private static final Logger LOG = Logger.getLogger(PointInTime.class);
  private static final String SELECTED = "rebuild_from_cards";

  private final String service;
  private final ShadowSchema schema;
  private final Layout layout;

  PointInTime(String service, ShadowSchema schema, Layout layout) {
    this.service = service;
    this.schema = schema;
    this.layout = layout;
  }

  /** Selects the cards to rebuild from {@code from} and carries the others over into the copy. */
  void carryOver(
      Connection connection, KafkaConsumer<String, byte[]> kafka, Instant from, Tally tally)
      throws SQLException {
    Set<String> rebuilt = cardsSince(kafka, from);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + schema.shadow()
              + "."
              + SELECTED
              + " (card_id VARCHAR(64) PRIMARY KEY)");
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + schema.shadow() + "." + SELECTED + " (card_id) VALUES (?)")) {
      for (String card : rebuilt) {
        insert.setString(1, card);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    connection.commit();
    // One snapshot of the live projection: every carried card's rows match its position.
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    for (String table : layout.projectionTables()) {
      schema.carryOver(connection, table, layout.keptRows().get(table), SELECTED);
    }
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) FROM " + schema.shadow() + ".card_event_position")) {
      row.next();
      tally.carried = row.getLong(1);
    }
    connection.commit();
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    tally.rebuilt = (long) rebuilt.size();
    LOG.infof(
        "rebuild of %s from %s: %d cards with events since then are rebuilt, %d carried over",
        service, from, tally.rebuilt, tally.carried);
  }

  /** The keys of the records at or after {@code from}, up to each partition's current end. */
  private static Set<String> cardsSince(KafkaConsumer<String, byte[]> kafka, Instant from) {
    Set<String> cards = new HashSet<>();
    List<TopicPartition> partitions = List.copyOf(kafka.assignment());
    Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(p -> times.put(p, from.toEpochMilli()));
    Map<TopicPartition, Long> start = new HashMap<>();
    kafka
        .offsetsForTimes(times)
        .forEach((p, found) -> start.put(p, found == null ? end.get(p) : found.offset()));
    start.forEach(kafka::seek);
    while (partitions.stream().anyMatch(p -> kafka.position(p) < end.get(p))) {
      for (ConsumerRecord<String, byte[]> record : kafka.poll(CopyReplay.POLL)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < end.get(partition) && record.key() != null) {
          cards.add(record.key());
        }
      }
    }
    return cards;
  }
}
