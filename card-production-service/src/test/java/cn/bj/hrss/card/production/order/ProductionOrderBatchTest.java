package cn.bj.hrss.card.production.order;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.testsupport.PollWays;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
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
 * 33) give the rows that {@code change}, the definition, gives one event at a time with {@code
 * claim}: the orders and the positions, column by column, with redelivered events in the poll.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ProductionOrderBatchTest {

  private static final List<String> ROWS =
      List.of(
          "SELECT * FROM production_order WHERE card_id = ANY(?) ORDER BY card_id",
          "SELECT * FROM card_event_position WHERE card_id = ANY(?) ORDER BY card_id");

  @Inject DataSource dataSource;
  @Inject ProductionOrderProjection orders;

  private final PollWays.Way oneAtATime =
      (connection, events) -> {
        for (EventEnvelope event : events) {
          CardEventPositions.applyOnce(connection, event, c -> orders.change(c, event));
        }
      };

  private final PollWays.Way bySets =
      (connection, events) ->
          orders.changeAll(connection, CardEventPositions.claimAll(connection, events));

  @Test
  void a_polls_events_by_sets_give_the_rows_of_one_event_at_a_time() {
    PollWays.assertSameRows(dataSource, oneAtATime, bySets, ROWS);
  }

  /** Not a check: events per second of each way. Run with {@code -Dmeasure=true}. */
  @Test
  @EnabledIfSystemProperty(named = "measure", matches = "true")
  void measure() throws SQLException {
    PollWays.measure(
        "card-production",
        dataSource,
        oneAtATime,
        bySets,
        (c, events) -> {
          for (EventEnvelope event : events) {
            orders.change(c, event);
          }
        },
        orders::changeAll);
  }
}
