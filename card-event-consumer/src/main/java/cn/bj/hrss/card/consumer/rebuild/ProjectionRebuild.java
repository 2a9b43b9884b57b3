package cn.bj.hrss.card.consumer.rebuild;

import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.consumer.rebuild.ShadowSchema.Comparison;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds a consumer service's projection from the start of the card topic into a copy while the
 * live projection goes on answering and consuming, then switches over (ADR 13).
 *
 * <ol>
 *   <li>The copy: schema {@code s_rebuild} with an empty copy of every table of the service's
 *       schema {@code s} (reference tables with their rows).
 *   <li>The replay: a consumer of its own (no group) reads every partition from the start and
 *       applies each event to the copy with the service's own projection code, in one transaction
 *       per poll; the copy's card positions are read and written once per poll, as the replay is
 *       their only writer. It applies an event only once the live projection has applied it (the
 *       live position of the card is at or beyond the event): the replay never gets ahead of the
 *       live consumer, so every effect of an event (an SMS, a bank message) belongs to the live
 *       consumer alone. What the replay writes to outboxes and feeds stays in the copy and is
 *       dropped.
 *   <li>The switch, once the replay has caught up with the live projection: the live consumer
 *       stops; the replay drains to where the live projection stopped; in one transaction the live
 *       projection tables move to {@code s_previous} and the rebuilt ones take their place; the
 *       group's offsets are set to where the replay stopped; the live consumer starts again. Reads
 *       wait only for that transaction. The rebuilt tables are compared row by row with the ones
 *       they replaced, and the counts are in the progress.
 * </ol>
 *
 * A crash before the switch leaves the live projection as it was (the copy is dropped by the next
 * rebuild); a crash after it leaves the group's offsets at or before the replay's, so the live
 * consumer sees some events again and skips them by their positions.
 */
public final class ProjectionRebuild {

  private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RECHECK = Duration.ofMillis(500);
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);

  /** The service's live consumer, as the rebuild must steer it. */
  public interface LiveConsumer {
    String topic();

    String groupId();

    /** Stops consuming and leaves the group (offsets committed as far as it can). */
    void stopConsuming();

    void startConsuming();
  }

  /**
   * What a service's schema holds.
   *
   * @param schema the service's schema
   * @param projectionTables the tables the card topic makes, card_event_position among them: they
   *     are rebuilt and switched
   * @param referenceTables tables the projection reads but the topic does not make: copied with
   *     their rows
   * @param keptRows per projection table, an SQL condition for rows the topic does not make (they
   *     are carried over at the switch and left out of the comparison)
   * @param atSwitch statements run in the switch's transaction, after the kept rows are carried
   *     over and before the tables move; {@code {copy}} and {@code {live}} stand for the two
   *     schemas
   * @param countsQuery SELECT of (status, count) pairs: the projection's counts per status, for
   *     reconciliation
   */
  public record Layout(
      String schema,
      List<String> projectionTables,
      List<String> referenceTables,
      Map<String, String> keptRows,
      List<String> atSwitch,
      String countsQuery) {
    public Layout {
      if (!projectionTables.contains("card_event_position")) {
        throw new IllegalArgumentException("card_event_position must be rebuilt with the rest");
      }
    }
  }

  public enum State {
    NEVER_RUN,
    COPYING,
    REPLAYING,
    SWITCHING,
    DONE,
    FAILED
  }

  /**
   * Where a rebuild is.
   *
   * @param from null: every card rebuilt from the start of the topic; else the point in time: the
   *     cards with events at or after it are rebuilt from their whole history, the others carried
   *     over from the live projection as they stand
   * @param cardsRebuilt with {@code from}, the cards with events at or after it
   * @param cardsCarriedOver with {@code from}, the cards carried over
   * @param eventsLeft records of the topic not replayed yet (an estimate while the topic grows)
   * @param liveConsumerPausedMillis how long the live consumer was stopped for the switch
   * @param comparedWithPrevious per projection table, the rebuilt rows against the replaced ones
   * @param identical whether every table came out identical (null before the switch)
   */
  public record Progress(
      String service,
      State state,
      Instant from,
      Long cardsRebuilt,
      Long cardsCarriedOver,
      Instant startedAt,
      Instant finishedAt,
      long eventsApplied,
      long recordsSkipped,
      long eventsPerSecond,
      long eventsLeft,
      Long liveConsumerPausedMillis,
      Map<String, Comparison> comparedWithPrevious,
      Boolean identical,
      String error) {}

  /** A rebuild was asked for while one runs. */
  public static final class AlreadyRunning extends IllegalStateException {
    AlreadyRunning(String service) {
      super("a rebuild of " + service + " is running; wait for it to finish");
    }
  }

  private final String service;
  private final DataSource dataSource;
  private final String bootstrapServers;
  private final Layout layout;
  private final LiveConsumer live;
  private final CardEventChange change;
  private final ShadowSchema schema;
  private volatile Progress progress;
  private Thread worker;

  public ProjectionRebuild(
      String service,
      DataSource dataSource,
      String bootstrapServers,
      Layout layout,
      LiveConsumer live,
      CardEventChange change) {
    this.service = service;
    this.dataSource = dataSource;
    this.bootstrapServers = bootstrapServers;
    this.layout = layout;
    this.live = live;
    this.change = change;
    this.schema = new ShadowSchema(layout.schema());
    this.progress =
        new Progress(
            service,
            State.NEVER_RUN,
            null,
            null,
            null,
            null,
            null,
            0,
            0,
            0,
            0,
            null,
            Map.of(),
            null,
            null);
  }

  public Layout layout() {
    return layout;
  }

  public LiveConsumer live() {
    return live;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Starts a rebuild from the start of the topic in the background and returns at once. */
  public synchronized Progress start() {
    return start(null);
  }

  /**
   * Starts a rebuild in the background and returns at once.
   *
   * @param from null for every card; else only the cards with events at or after this moment are
   *     rebuilt (from their whole history), and the others are carried over as they stand
   */
  public synchronized Progress start(Instant from) {
    if (worker != null && worker.isAlive()) {
      throw new AlreadyRunning(service);
    }
    progress =
        new Progress(
            service,
            State.COPYING,
            from,
            null,
            null,
            Instant.now(),
            null,
            0,
            0,
            0,
            0,
            null,
            Map.of(),
            null,
            null);
    worker = new Thread(() -> run(from), service + "-projection-rebuild");
    worker.setDaemon(true);
    worker.start();
    return progress;
  }

  public Progress progress() {
    return progress;
  }

  /** Waits for the running rebuild, if any (for tests and the command line). */
  public Progress await(Duration timeout) throws InterruptedException {
    Thread running;
    synchronized (this) {
      running = worker;
    }
    if (running != null) {
      running.join(timeout.toMillis());
    }
    return progress;
  }

  private void run(Instant from) {
    Replay replay = new Replay();
    boolean liveStopped = false;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        connection.setAutoCommit(true);
        LOG.infof("rebuild of %s: copying the tables of schema %s", service, schema.live());
        schema.create(connection, layout.referenceTables());
        connection.setAutoCommit(false);
        if (from != null) {
          carryOver(connection, from, replay);
        }
        searchPath(connection, schema.shadow());
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
          List<TopicPartition> partitions =
              kafka.partitionsFor(live.topic()).stream()
                  .map(p -> new TopicPartition(p.topic(), p.partition()))
                  .toList();
          kafka.assign(partitions);
          kafka.seekToBeginning(partitions);
          replay.end = kafka.endOffsets(partitions);
          report(replay, State.REPLAYING, kafka, null);
          LOG.infof("rebuild of %s: replaying %s from the start", service, live.topic());
          replayUntilCaughtUp(connection, kafka, replay);

          Instant stoppedAt = Instant.now();
          live.stopConsuming();
          liveStopped = true;
          replay.blocked.clear();
          kafka.resume(partitions);
          report(replay, State.SWITCHING, kafka, null);
          replayUntilCaughtUp(connection, kafka, replay);

          searchPath(connection, schema.live());
          schema.switchOver(
              connection, layout.projectionTables(), layout.keptRows(), layout.atSwitch());
          connection.commit();
          // The comparison reads one snapshot, taken now: the live consumer may go on meanwhile.
          connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          try (Statement snapshot = connection.createStatement()) {
            snapshot.execute("SELECT count(*) FROM " + schema.live() + ".card_event_position");
          }
          Map<TopicPartition, Long> reached = new HashMap<>();
          for (TopicPartition partition : partitions) {
            reached.put(partition, kafka.position(partition));
          }
          try (Admin admin = admin()) {
            ConsumerGroups.moveTo(admin, live.groupId(), reached);
          }
          live.startConsuming();
          liveStopped = false;
          long paused = Duration.between(stoppedAt, Instant.now()).toMillis();
          LOG.infof(
              "rebuild of %s: switched over; the live consumer was stopped for %d ms",
              service, paused);
          Map<String, Comparison> compared = new LinkedHashMap<>();
          for (String table : layout.projectionTables()) {
            compared.put(
                table, schema.compareWithPrevious(connection, table, layout.keptRows().get(table)));
          }
          connection.commit();
          connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
          replay.paused = paused;
          replay.compared = compared;
          report(replay, State.DONE, kafka, null);
          LOG.infof(
              "rebuild of %s done: %d events in %d ms; compared with the replaced projection: %s",
              service,
              replay.applied,
              Duration.between(progress.startedAt(), Instant.now()).toMillis(),
              compared);
        }
      } finally {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(true);
        searchPath(connection, schema.live());
        connection.setAutoCommit(autoCommit);
      }
    } catch (Exception e) {
      LOG.errorf(e, "rebuild of %s failed; the live projection is unchanged", service);
      if (liveStopped) {
        live.startConsuming();
      }
      dropCopy();
      report(replay, State.FAILED, null, e.toString());
    }
  }

  /** What the replay has done so far. */
  private static final class Replay {
    Map<TopicPartition, Long> end = Map.of();
    final Map<TopicPartition, Long> blocked = new HashMap<>();
    long applied;
    long skipped;
    long left;
    Long paused;
    Long rebuilt;
    Long carried;
    Map<String, Comparison> compared = Map.of();
  }

  /**
   * Replays until every partition is either at its end or at an event the live projection has not
   * applied yet. While the live consumer runs, a partition held at such an event is looked at again
   * every half second.
   */
  private void replayUntilCaughtUp(
      Connection connection, KafkaConsumer<String, byte[]> kafka, Replay replay)
      throws SQLException {
    Instant recheck = Instant.now().plus(RECHECK);
    Instant logAt = Instant.now().plus(LOG_EVERY);
    while (true) {
      replayRound(connection, kafka, kafka.poll(POLL), replay);
      replay.end = kafka.endOffsets(kafka.assignment());
      replay.left = 0;
      boolean caughtUp = true;
      for (TopicPartition partition : kafka.assignment()) {
        long position = kafka.position(partition);
        replay.left += Math.max(0, replay.end.get(partition) - position);
        if (position < replay.end.get(partition) && !replay.blocked.containsKey(partition)) {
          caughtUp = false;
        }
      }
      report(replay, progress.state(), kafka, null);
      if (caughtUp) {
        return;
      }
      Instant now = Instant.now();
      if (now.isAfter(logAt)) {
        LOG.infof(
            "rebuild of %s: %d events applied (%d/s), %d left",
            service, replay.applied, progress.eventsPerSecond(), replay.left);
        logAt = now.plus(LOG_EVERY);
      }
      if (progress.state() == State.REPLAYING && now.isAfter(recheck)) {
        kafka.resume(replay.blocked.keySet());
        recheck = now.plus(RECHECK);
      }
    }
  }

  /** Applies one poll's events to the copy, in one transaction. */
  private void replayRound(
      Connection connection,
      KafkaConsumer<String, byte[]> kafka,
      ConsumerRecords<String, byte[]> records,
      Replay replay)
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
    Set<String> parked = null;
    for (Map.Entry<TopicPartition, List<Decoded>> entry : decoded.entrySet()) {
      TopicPartition partition = entry.getKey();
      replay.blocked.remove(partition);
      for (Decoded record : entry.getValue()) {
        if (record.event() == null) {
          replay.skipped++; // unreadable: the live consumer skips it too
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
            replay.skipped++;
            continue;
          }
          kafka.seek(partition, record.offset());
          kafka.pause(List.of(partition));
          replay.blocked.put(partition, record.offset());
          break;
        }
        EventEnvelope event = record.event();
        if (CardEventPositions.isNext(
            event.cardId(), event.sequence(), copyPositions.get(event.cardId()))) {
          change.apply(connection, event);
          copyPositions.put(event.cardId(), event.sequence());
          moved.put(event.cardId(), event.sequence());
        }
        replay.applied++;
      }
    }
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

  private void report(
      Replay replay, State state, KafkaConsumer<String, byte[]> kafka, String error) {
    Instant started = progress.startedAt();
    long millis = Math.max(1, Duration.between(started, Instant.now()).toMillis());
    boolean finished = state == State.DONE || state == State.FAILED;
    Boolean identical =
        replay.compared.isEmpty()
            ? null
            : replay.compared.values().stream().allMatch(Comparison::identical);
    progress =
        new Progress(
            service,
            state,
            progress.from(),
            replay.rebuilt,
            replay.carried,
            started,
            finished ? Instant.now() : null,
            replay.applied,
            replay.skipped,
            replay.applied * 1000 / millis,
            replay.left,
            replay.paused,
            replay.compared,
            identical,
            error);
  }

  /**
   * A rebuild from a point in time: the cards with a record at or after {@code from} (read from the
   * first such offset of each partition to the current end) are rebuilt; every other card's rows
   * (and its position) are copied from the live projection into the copy, in one snapshot. The
   * replay then reads the whole topic as usual: a carried-over card's earlier events are skipped by
   * its copied position, and its later events are applied.
   */
  private void carryOver(Connection connection, Instant from, Replay replay) throws SQLException {
    java.util.Set<String> rebuilt = new java.util.HashSet<>();
    try (KafkaConsumer<String, byte[]> kafka = consumer()) {
      List<TopicPartition> partitions =
          kafka.partitionsFor(live.topic()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(p -> times.put(p, from.toEpochMilli()));
      Map<TopicPartition, Long> start = new HashMap<>();
      kafka
          .offsetsForTimes(times)
          .forEach((p, found) -> start.put(p, found == null ? end.get(p) : found.offset()));
      kafka.assign(partitions);
      start.forEach(kafka::seek);
      while (partitions.stream().anyMatch(p -> kafka.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(partition) && record.key() != null) {
            rebuilt.add(record.key());
          }
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + schema.shadow()
              + ".rebuild_from_cards (card_id VARCHAR(64) PRIMARY KEY)");
    }
    try (java.sql.PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + schema.shadow() + ".rebuild_from_cards (card_id) VALUES (?)")) {
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
      schema.carryOver(connection, table, layout.keptRows().get(table), "rebuild_from_cards");
    }
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) FROM " + schema.shadow() + ".card_event_position")) {
      row.next();
      replay.carried = row.getLong(1);
    }
    connection.commit();
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    replay.rebuilt = (long) rebuilt.size();
    LOG.infof(
        "rebuild of %s from %s: %d cards with events since then are rebuilt, %d carried over",
        service, from, replay.rebuilt, replay.carried);
  }

  private void dropCopy() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      schema.drop(connection);
    } catch (SQLException e) {
      LOG.warnf("could not drop %s (the next rebuild drops it): %s", schema.shadow(), e);
    }
  }

  private static void searchPath(Connection connection, String schemaName) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schemaName);
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.apply(properties);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, live.groupId() + "-rebuild");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private Admin admin() {
    return Admin.create(
        KafkaClientSecurity.secured(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
  }
}
