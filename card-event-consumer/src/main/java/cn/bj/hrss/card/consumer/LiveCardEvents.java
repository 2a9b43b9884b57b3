package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.consumer.observability.CardEventMetrics;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A consumer service's live consumer of the card topic, as its configuration sets it up ({@code
 * kafka.bootstrap.servers}, {@code card-events.topic}, {@code card-events.group-id}): started at
 * start-up, stopped at shutdown, and stopped and started again by a projection rebuild's switch.
 * The events of one poll and partition are applied in one transaction with the service's own
 * projection code (the same as a rebuild's), and one at a time only when that fails ({@link
 * RecordLoop}). Each applied event counts in {@code card.events.applied} ({@link
 * CardEventMetrics}). What it cannot read goes to its group's dead letters, kept in the service's
 * schema ({@link DeadLetters}, ADR 15).
 */
public final class LiveCardEvents implements ProjectionRebuild.LiveConsumer {

  private final DataSource dataSource;
  private final CardEventChange change;
  private final BatchStart batchStart;
  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private final DeadLetters deadLetters;
  private volatile CardEventConsumer consumer;
  private volatile boolean stopped = true;

  /**
   * @param dataSource the service's, where its {@code parked_card} and {@code dead_letter} tables
   *     are
   */
  public LiveCardEvents(CardEventChange change, DataSource dataSource) {
    this(change, connection -> {}, dataSource);
  }

  /**
   * @param batchStart runs first in each transaction that applies several events
   */
  public LiveCardEvents(CardEventChange change, BatchStart batchStart, DataSource dataSource) {
    Config config = ConfigProvider.getConfig();
    this.dataSource = dataSource;
    this.change = change;
    this.batchStart = batchStart;
    this.deadLetters = DeadLetters.fromConfig(dataSource);
    this.bootstrapServers = config.getValue("kafka.bootstrap.servers", String.class);
    this.topic = config.getValue("card-events.topic", String.class);
    this.groupId = config.getValue("card-events.group-id", String.class);
  }

  @Override
  public synchronized void startConsuming() {
    consumer =
        new CardEventConsumer(
            bootstrapServers,
            groupId,
            topic,
            event -> applyAll(List.of(event)),
            this::applyAll,
            deadLetters);
    consumer.start();
    stopped = false;
  }

  /** Stops the consumer; it has left its group when this returns. */
  @Override
  public synchronized void stopConsuming() {
    stopped = true;
    if (consumer != null) {
      consumer.close();
    }
    deadLetters.close();
  }

  /**
   * What a service does first in a transaction that applies several events. A service whose changes
   * lock rows that other events share (a bank's feed position) locks them here, in a fixed order,
   * so that two such transactions, or one and a single event's, cannot deadlock.
   */
  @FunctionalInterface
  public interface BatchStart {
    void begin(Connection connection) throws SQLException;
  }

  /**
   * Applies the events in order in one transaction of the service's database, all or none, and
   * counts them once committed. Several events are applied by sets (ADR 33): their cards' positions
   * read, decided and written once ({@link CardEventPositions#claimAll}), then the service's change
   * of the events that are their cards' next ({@link CardEventChange#applyAll}). One event (the
   * fallback of a failed batch, ADR 18) claims its position alone ({@link
   * CardEventPositions#applyOnce}).
   */
  private void applyAll(List<EventEnvelope> events) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (events.size() == 1) {
          EventEnvelope event = events.get(0);
          CardEventPositions.applyOnce(connection, event, c -> change.apply(c, event));
        } else {
          batchStart.begin(connection);
          change.applyAll(connection, CardEventPositions.claimAll(connection, events));
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    events.forEach(event -> CardEventMetrics.applied(event.eventType()));
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String groupId() {
    return groupId;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Alive: consuming, or stopped on purpose (shutdown, a rebuild's switch). */
  public boolean alive() {
    CardEventConsumer current = consumer;
    return stopped || (current != null && current.isRunning());
  }

  /** Dead letters written since start-up (a counter for metrics). */
  public long deadLetterCount() {
    return deadLetters.deadLetterCount();
  }

  /** Events handled since the consumer last started. */
  public long handledCount() {
    CardEventConsumer current = consumer;
    return current == null ? 0 : current.handledCount();
  }
}
