package cn.bj.hrss.card.bank.card;

import cn.bj.hrss.card.bank.feed.FeedAppender;
import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.testsupport.PollWays;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A poll's events applied by sets ({@code changeAll} after {@code CardEventPositions.claimAll}, ADR
 * 33) give what {@code change}, the definition, gives one event at a time with {@code claim}: the
 * bank cards, the pickup list, the positions, and the banks' feeds (each message at the same
 * position, each feed's last position and time), with redelivered events in the poll.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class BankCardBatchTest {

  private static final List<String> ROWS =
      List.of(
          "SELECT * FROM bank_card WHERE card_id = ANY(?) ORDER BY card_id",
          "SELECT * FROM bank_pickup WHERE card_id = ANY(?) ORDER BY card_id",
          "SELECT * FROM card_event_position WHERE card_id = ANY(?) ORDER BY card_id",
          "SELECT bank_code, position, message_id, message_type, card_id, card_sequence,"
              + " occurred_at, body FROM bank_feed_message WHERE card_id = ANY(?)"
              + " ORDER BY bank_code, position",
          "SELECT bank_code, last_position, last_message_at, acknowledged FROM bank_feed"
              + " WHERE bank_code IN (SELECT bank_code FROM bank_feed_message"
              + " WHERE card_id = ANY(?)) ORDER BY bank_code");

  @Inject DataSource dataSource;
  @Inject BankCardProjection cards;

  private final PollWays.Way oneAtATime =
      (connection, events) -> {
        FeedAppender.lockEveryFeed(connection);
        for (EventEnvelope event : events) {
          CardEventPositions.applyOnce(connection, event, c -> cards.change(c, event));
        }
      };

  private final PollWays.Way bySets =
      (connection, events) -> {
        FeedAppender.lockEveryFeed(connection);
        cards.changeAll(connection, CardEventPositions.claimAll(connection, events));
      };

  @Test
  void a_polls_events_by_sets_give_the_rows_and_feeds_of_one_event_at_a_time() {
    PollWays.assertSameRows(dataSource, oneAtATime, bySets, ROWS);
  }

  /** Not a check: events per second of each way. Run with {@code -Dmeasure=true}. */
  @Test
  @EnabledIfSystemProperty(named = "measure", matches = "true")
  void measure() throws SQLException {
    PollWays.measure(
        "bank-gateway",
        dataSource,
        oneAtATime,
        bySets,
        (c, events) -> {
          for (EventEnvelope event : events) {
            cards.change(c, event);
          }
        },
        cards::changeAll);
  }
}
