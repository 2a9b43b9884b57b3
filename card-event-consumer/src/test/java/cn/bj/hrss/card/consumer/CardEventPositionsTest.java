package cn.bj.hrss.card.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The position rules against a real PostgreSQL. */
class CardEventPositionsTest {

  private static LocalPostgres postgres;

  @BeforeAll
  static void createTable() throws SQLException {
    postgres = LocalInfrastructure.shared().postgres();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS positions_test");
      s.execute(
          "CREATE TABLE IF NOT EXISTS positions_test.card_event_position"
              + " (card_id VARCHAR(64) PRIMARY KEY, last_sequence BIGINT NOT NULL)");
    }
  }

  private static Connection connect() throws SQLException {
    Connection connection =
        DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    try (Statement s = connection.createStatement()) {
      s.execute("SET search_path TO positions_test");
    }
    return connection;
  }

  private static long position(Connection c, String card) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT last_sequence FROM card_event_position WHERE card_id = '" + card + "'")) {
      assertTrue(r.next());
      return r.getLong(1);
    }
  }

  @Test
  void events_in_sequence_are_each_claimed_once() throws SQLException {
    String card = UUID.randomUUID().toString();
    try (Connection c = connect()) {
      assertTrue(CardEventPositions.claim(c, card, 0));
      assertTrue(CardEventPositions.claim(c, card, 1));
      assertTrue(CardEventPositions.claim(c, card, 2));
      assertEquals(2, position(c, card));
    }
  }

  @Test
  void a_redelivered_event_is_a_duplicate_and_moves_nothing() throws SQLException {
    String card = UUID.randomUUID().toString();
    try (Connection c = connect()) {
      CardEventPositions.claim(c, card, 0);
      CardEventPositions.claim(c, card, 1);
      CardEventPositions.claim(c, card, 2);

      assertFalse(CardEventPositions.claim(c, card, 0));
      assertFalse(CardEventPositions.claim(c, card, 1));
      assertFalse(CardEventPositions.claim(c, card, 2));
      assertEquals(2, position(c, card));
    }
  }

  @Test
  void an_event_after_a_missing_one_is_refused_not_applied_out_of_order() throws SQLException {
    String card = UUID.randomUUID().toString();
    try (Connection c = connect()) {
      CardEventPositions.claim(c, card, 0);

      assertThrows(
          CardEventPositions.SequenceGapException.class,
          () -> CardEventPositions.claim(c, card, 2));
      assertEquals(0, position(c, card));
      assertTrue(CardEventPositions.claim(c, card, 1), "the missing event still fits");
    }
  }

  @Test
  void a_card_whose_first_event_never_came_is_refused() {
    String card = UUID.randomUUID().toString();
    assertThrows(
        CardEventPositions.SequenceGapException.class,
        () -> {
          try (Connection c = connect()) {
            CardEventPositions.claim(c, card, 3);
          }
        });
  }

  @Test
  void a_position_kept_by_the_caller_gives_the_same_decisions() throws SQLException {
    assertTrue(CardEventPositions.isNext("K", 0, null));
    assertTrue(CardEventPositions.isNext("K", 3, 2L));
    assertFalse(CardEventPositions.isNext("K", 2, 2L), "a duplicate");
    assertFalse(CardEventPositions.isNext("K", 0, 2L), "a duplicate");
    assertThrows(
        CardEventPositions.SequenceGapException.class, () -> CardEventPositions.isNext("K", 4, 2L));
    assertThrows(
        CardEventPositions.SequenceGapException.class,
        () -> CardEventPositions.isNext("K", 1, null));
  }

  @Test
  void saved_positions_are_inserted_or_moved_in_one_batch() throws SQLException {
    String known = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    try (Connection c = connect()) {
      CardEventPositions.claim(c, known, 0);
      CardEventPositions.save(c, java.util.Map.of(known, 3L, fresh, 0L));
      assertEquals(3, position(c, known));
      assertEquals(0, position(c, fresh));
      assertFalse(CardEventPositions.claim(c, known, 3), "saved: the next claim sees it");
    }
  }

  static EventEnvelope event(String card, long sequence) {
    return new EventEnvelope(
        UUID.randomUUID().toString(),
        "CardProduced",
        1,
        card,
        sequence,
        Instant.EPOCH,
        null,
        null,
        null,
        null);
  }

  @Test
  void a_polls_events_are_claimed_by_sets_with_the_decisions_of_claim_one_at_a_time()
      throws SQLException {
    String known = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    String untouched = UUID.randomUUID().toString();
    try (Connection c = connect()) {
      CardEventPositions.claim(c, known, 0);
      CardEventPositions.claim(c, known, 1);
      CardEventPositions.claim(c, untouched, 0);
      List<EventEnvelope> poll =
          List.of(
              event(known, 0),
              event(fresh, 0),
              event(known, 2),
              event(known, 1),
              event(fresh, 1),
              event(untouched, 0),
              event(known, 3),
              event(fresh, 0));

      List<EventEnvelope> next = CardEventPositions.claimAll(c, poll);

      assertEquals(List.of(poll.get(1), poll.get(2), poll.get(4), poll.get(6)), next);
      assertEquals(3, position(c, known));
      assertEquals(1, position(c, fresh));
      assertEquals(0, position(c, untouched));
      assertFalse(CardEventPositions.claim(c, known, 3), "written: the next claim sees it");
      assertTrue(CardEventPositions.claim(c, fresh, 2));
    }
  }

  @Test
  void a_poll_with_an_event_after_a_missing_one_is_refused_and_moves_nothing() throws SQLException {
    String known = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    try (Connection c = connect()) {
      CardEventPositions.claim(c, known, 0);
      c.setAutoCommit(false);
      assertThrows(
          CardEventPositions.SequenceGapException.class,
          () -> CardEventPositions.claimAll(c, List.of(event(fresh, 0), event(known, 2))));
      c.rollback();
      assertThrows(
          CardEventPositions.SequenceGapException.class,
          () -> CardEventPositions.claimAll(c, List.of(event(known, 1), event(fresh, 1))));
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(0, position(c, known));
      assertTrue(CardEventPositions.claim(c, fresh, 0), "nothing was written for the poll");
    }
  }
}
