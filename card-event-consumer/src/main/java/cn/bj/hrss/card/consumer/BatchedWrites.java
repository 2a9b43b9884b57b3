package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A poll's projection writes, queued per statement shape (one JDBC batch per SQL text) and sent by
 * {@link #flush()}, shapes in the order first seen. Statements of one shape keep their order;
 * statements of different shapes are only reordered within a round, where each card has at most one
 * event ({@link #rounds}), so that two of them never touch the same card's rows (ADR 33).
 */
public final class BatchedWrites implements ProjectionWrites, AutoCloseable {

  /** A change of one event written against {@link ProjectionWrites}. */
  @FunctionalInterface
  public interface Change {
    void apply(ProjectionWrites writes, EventEnvelope event) throws SQLException;
  }

  private final Connection connection;
  private final Map<String, PreparedStatement> queued = new LinkedHashMap<>();
  private final Set<String> done = new HashSet<>();

  public BatchedWrites(Connection connection) {
    this.connection = connection;
  }

  /**
   * Applies {@code events} (each its card's next, in topic order) with {@code change}, in rounds:
   * round k holds each card's k-th event of the poll; each round's statements are sent as one batch
   * per shape before the next round's are made.
   */
  public static void inRounds(Connection connection, List<EventEnvelope> events, Change change)
      throws SQLException {
    try (BatchedWrites writes = new BatchedWrites(connection)) {
      for (List<EventEnvelope> round : rounds(events)) {
        for (EventEnvelope event : round) {
          change.apply(writes, event);
        }
        writes.flush();
      }
    }
  }

  /**
   * The events split so that each round holds at most one event of a card: a card's k-th event of
   * the list is in round k. Within a round the topic's order is kept.
   */
  public static List<List<EventEnvelope>> rounds(List<EventEnvelope> events) {
    List<List<EventEnvelope>> rounds = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (EventEnvelope event : events) {
      int round = seen.merge(event.cardId(), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(event);
    }
    return rounds;
  }

  @Override
  public void update(String sql, Object... values) throws SQLException {
    PreparedStatement statement = queued.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      queued.put(sql, statement);
    }
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    statement.addBatch();
  }

  @Override
  public void once(String key, CardEventPositions.ProjectionChange work) throws SQLException {
    if (done.add(key)) {
      work.apply(connection);
    }
  }

  @Override
  public Connection connection() {
    return connection;
  }

  /**
   * Sends what is queued, one batch per statement shape, in the order the shapes were first used.
   */
  public void flush() throws SQLException {
    for (PreparedStatement statement : queued.values()) {
      statement.executeBatch();
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException failed = null;
    for (PreparedStatement statement : queued.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        failed = failed == null ? e : failed;
      }
    }
    queued.clear();
    if (failed != null) {
      throw failed;
    }
  }
}
