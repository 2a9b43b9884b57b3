package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * For the tests that apply a poll's events by sets and one at a time (ADR 33): the rows a way of
 * applying leaves, read in a transaction rolled back, and a small timing of each way.
 */
public final class PollWays {

  private PollWays() {}

  /** A way of applying a poll's events on a connection, in its transaction. */
  @FunctionalInterface
  public interface Way {
    void apply(Connection connection, List<EventEnvelope> events) throws SQLException;
  }

  /**
   * For twelve generated polls (40 cards' histories with redelivered events, {@link
   * CardHistories}): the rows the {@code queries} give after {@code oneAtATime} are those after
   * {@code bySets}, and there are some.
   */
  public static void assertSameRows(
      DataSource dataSource, Way oneAtATime, Way bySets, List<String> queries) {
    assertSameRows(
        dataSource,
        random -> CardHistories.interleaved(random, 40, 12),
        oneAtATime,
        bySets,
        queries);
  }

  /** The same for twelve polls that {@code polls} makes of each case's random source. */
  public static void assertSameRows(
      DataSource dataSource,
      Function<Random, List<EventEnvelope>> polls,
      Way oneAtATime,
      Way bySets,
      List<String> queries) {
    GeneratedCases.forEveryCase(
        12,
        random -> {
          List<EventEnvelope> poll = polls.apply(random);
          List<String> one = rowsAfter(dataSource, poll, oneAtATime, queries);
          List<String> sets = rowsAfter(dataSource, poll, bySets, queries);
          if (one.isEmpty()) {
            throw new AssertionError("no rows: the queries see nothing of the poll");
          }
          for (int i = 0; i < Math.max(one.size(), sets.size()); i++) {
            String expected = i < one.size() ? one.get(i) : "(none)";
            String actual = i < sets.size() ? sets.get(i) : "(none)";
            if (!expected.equals(actual)) {
              throw new AssertionError(
                  "row " + i + " one at a time: " + expected + "\nby sets: " + actual);
            }
          }
        });
  }

  /**
   * The rows the {@code queries} give (each with one parameter, the poll's card ids) after applying
   * the poll one way, in a transaction that is then rolled back.
   */
  public static List<String> rowsAfter(
      DataSource dataSource, List<EventEnvelope> poll, Way way, List<String> queries) {
    Object[] cards = poll.stream().map(EventEnvelope::cardId).distinct().toArray();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        way.apply(connection, poll);
        List<String> rows = new ArrayList<>();
        for (String query : queries) {
          rows.addAll(rows(connection, query, cards));
        }
        return rows;
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> rows(Connection connection, String sql, Object[] cards)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, connection.createArrayOf("varchar", cards));
      try (ResultSet row = select.executeQuery()) {
        ResultSetMetaData columns = row.getMetaData();
        while (row.next()) {
          StringBuilder text = new StringBuilder();
          for (int c = 1; c <= columns.getColumnCount(); c++) {
            text.append(columns.getColumnName(c)).append('=').append(text(row, c)).append(' ');
          }
          rows.add(text.toString());
        }
      }
    }
    return rows;
  }

  /**
   * A column as text; an array as its elements, since pgjdbc's text of an array depends on whether
   * the row came in text or binary (quoted elements after a statement's fifth run).
   */
  private static String text(ResultSet row, int column) throws SQLException {
    if (row.getMetaData().getColumnType(column) == Types.ARRAY) {
      Array array = row.getArray(column);
      return array == null ? null : Arrays.toString((Object[]) array.getArray());
    }
    return row.getString(column);
  }

  /**
   * Not a check: prints the events per second of each way, committed, on fresh cards (1,500 cards'
   * generated histories each time, three runs after a warm-up). Live: polls of 500, the live
   * consumer's largest, with positions; rebuild: polls of 2,000, the replay's, changes alone.
   */
  public static void measure(
      String service,
      DataSource dataSource,
      Way liveOneAtATime,
      Way liveBySets,
      Way rebuildOneAtATime,
      Way rebuildBySets)
      throws SQLException {
    Random random = GeneratedCases.caseRandom(7);
    timed(service, "warm-up one at a time", dataSource, random, 200, 500, liveOneAtATime);
    timed(service, "warm-up by sets", dataSource, random, 200, 500, liveBySets);
    for (int run = 0; run < 3; run++) {
      timed(service, "live one at a time", dataSource, random, 1500, 500, liveOneAtATime);
      timed(service, "live by sets", dataSource, random, 1500, 500, liveBySets);
      timed(service, "rebuild one at a time", dataSource, random, 1500, 2000, rebuildOneAtATime);
      timed(service, "rebuild by sets", dataSource, random, 1500, 2000, rebuildBySets);
    }
  }

  private static void timed(
      String service,
      String name,
      DataSource dataSource,
      Random random,
      int cards,
      int poll,
      Way way)
      throws SQLException {
    List<EventEnvelope> events = CardHistories.interleaved(random, cards, 1000);
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int from = 0; from < events.size(); from += poll) {
        way.apply(connection, events.subList(from, Math.min(events.size(), from + poll)));
        connection.commit();
      }
      connection.setAutoCommit(true);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "MEASURE %s %s: %d events in %.2f s, %.0f events/s%n",
        service, name, events.size(), seconds, events.size() / seconds);
  }
}
