package cn.bj.hrss.card.consumer.rebuild;

import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.consumer.rebuild.RebuildProgress.Tally;
import cn.bj.hrss.card.consumer.rebuild.ShadowSchema.Comparison;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
 * The steps live in their own classes: {@link CopyReplay} (the replay into the copy), {@link
 * PointInTime} (the cards a rebuild from a moment selects), {@link RebuildProgress} (where it is);
 * this class is the job's state machine (COPYING, REPLAYING, SWITCHING, DONE or FAILED) and the
 * switch.
 *
 * <p>A crash before the switch leaves the live projection as it was (the copy is dropped by the
 * next rebuild); a crash after it leaves the group's offsets at or before the replay's, so the live
 * consumer sees some events again and skips them by their positions.
 */
public final class ProjectionRebuild {

  /**
   * The copy's schema is the live schema's name and this: a projection that must know whether it
   * writes a rebuild's copy asks its connection's {@code current_schema()} (notification-service,
   * ADR 34).
   */
  public static final String COPY_SUFFIX = "_rebuild";

  private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);

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
  private final ShadowSchema schema;
  private final CopyReplay replay;
  private final PointInTime pointInTime;
  private volatile RebuildProgress progress;
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
    this.schema = new ShadowSchema(layout.schema());
    this.replay = new CopyReplay(service, schema, change, tally -> report(tally, null, null));
    this.pointInTime = new PointInTime(service, schema, layout);
    this.progress = RebuildProgress.neverRun(service);
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
  public synchronized RebuildProgress start() {
    return start(null);
  }

  /**
   * Starts a rebuild in the background and returns at once.
   *
   * @param from null for every card; else only the cards with events at or after this moment are
   *     rebuilt (from their whole history), and the others are carried over as they stand
   */
  public synchronized RebuildProgress start(Instant from) {
    if (worker != null && worker.isAlive()) {
      throw new AlreadyRunning(service);
    }
    progress = RebuildProgress.starting(service, from);
    worker = new Thread(() -> run(from), service + "-projection-rebuild");
    worker.setDaemon(true);
    worker.start();
    return progress;
  }

  public RebuildProgress progress() {
    return progress;
  }

  /** Waits for the running rebuild, if any (for tests and the command line). */
  public RebuildProgress await(Duration timeout) throws InterruptedException {
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
    Tally tally = new Tally();
    boolean liveStopped = false;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        connection.setAutoCommit(true);
        LOG.infof("rebuild of %s: copying the tables of schema %s", service, schema.live());
        schema.create(connection, layout.referenceTables());
        connection.setAutoCommit(false);
        if (from != null) {
          try (KafkaConsumer<String, byte[]> kafka = consumer()) {
            kafka.assign(partitions(kafka));
            pointInTime.carryOver(connection, kafka, from, tally);
          }
        }
        searchPath(connection, schema.shadow());
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
          List<TopicPartition> partitions = partitions(kafka);
          kafka.assign(partitions);
          kafka.seekToBeginning(partitions);
          tally.end = kafka.endOffsets(partitions);
          report(tally, State.REPLAYING, null);
          LOG.infof("rebuild of %s: replaying %s from the start", service, live.topic());
          replay.untilCaughtUp(connection, kafka, tally);

          Instant stoppedAt = Instant.now();
          live.stopConsuming();
          liveStopped = true;
          tally.blocked.clear();
          kafka.resume(partitions);
          report(tally, State.SWITCHING, null);
          replay.untilCaughtUp(connection, kafka, tally);

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
          tally.paused = paused;
          tally.compared = compared;
          report(tally, State.DONE, null);
          LOG.infof(
              "rebuild of %s done: %d events in %d ms; compared with the replaced projection: %s",
              service,
              tally.applied,
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
      report(tally, State.FAILED, e.toString());
    }
  }

  /** Publishes what {@code tally} counted, in {@code state} (null: the state it is in). */
  private RebuildProgress report(Tally tally, State state, String error) {
    progress = progress.next(tally, state == null ? progress.state() : state, error);
    return progress;
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
    return CopyReplay.consumer(bootstrapServers, live.groupId());
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
    return kafka.partitionsFor(live.topic()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private Admin admin() {
    return Admin.create(
        KafkaClientSecurity.secured(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
  }
}
