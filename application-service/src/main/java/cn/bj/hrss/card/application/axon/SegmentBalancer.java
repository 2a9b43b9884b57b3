package cn.bj.hrss.card.application.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.jboss.logging.Logger;

/**
 * Spreads the publishing processor's segments over the running instances of application-service.
 * Every instance may claim every segment (so that one survivor publishes everything), and the first
 * to start claims them all. Each instance records itself every few seconds; one that holds more
 * than its share (the segments divided by the instances seen in the last 15 s, rounded up) releases
 * one segment, which another instance then claims. A released segment is handed over after its
 * current batch and stored token, so nothing is published twice in steady state.
 */
final class SegmentBalancer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SegmentBalancer.class);
  private static final Duration EVERY = Duration.ofSeconds(5);
  private static final Duration ALIVE = Duration.ofSeconds(15);
  private static final Duration RELEASE = Duration.ofSeconds(20);

  private final DataSource dataSource;
  private final TrackingEventProcessor processor;
  private final String instanceId;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "publishing-segment-balancer");
            thread.setDaemon(true);
            return thread;
          });

  SegmentBalancer(DataSource dataSource, TrackingEventProcessor processor, String instanceId) {
    this.dataSource = dataSource;
    this.processor = processor;
    this.instanceId = instanceId;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::balance, 1, EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  private void balance() {
    try (Connection connection = dataSource.getConnection()) {
      int instances = seen(connection);
      int segments = segments(connection);
      int mine = processor.processingStatus().size();
      int share = instances == 0 ? segments : (segments + instances - 1) / instances;
      if (mine > share && instances > 1) {
        int segment =
            processor.processingStatus().keySet().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElseThrow();
        LOG.infof(
            "publishing: %d instances share %d segments; this one holds %d, releases segment %d",
            instances, segments, mine, segment);
        processor.releaseSegment(segment, RELEASE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("publishing: could not balance the segments this time: %s", e.toString());
    }
  }

  /** Records this instance and returns how many were seen lately. */
  private int seen(Connection connection) throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO publishing_instance (instance_id, seen_at) VALUES (?, now())"
                + " ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()")) {
      upsert.setString(1, instanceId);
      upsert.executeUpdate();
    }
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT count(*) FROM publishing_instance"
                + " WHERE seen_at > now() - make_interval(secs => ?)")) {
      count.setLong(1, ALIVE.toSeconds());
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private int segments(Connection connection) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement("SELECT count(*) FROM token_entry WHERE processor_name = ?")) {
      count.setString(1, processor.getName());
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM publishing_instance WHERE instance_id = ?")) {
      delete.setString(1, instanceId);
      delete.executeUpdate();
    } catch (SQLException e) {
      LOG.debugf("could not remove this instance's record: %s", e);
    }
  }
}
