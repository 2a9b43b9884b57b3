package cn.bj.hrss.card.notification.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.notification.support.TestCard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: a harness that times the projection's live apply and its rebuild into a copy on a
 * real PostgreSQL, without Kafka (issue 19; profile it with JFR). Runs only when asked:
 *
 * <pre>
 * ./mvnw -B -o -q -pl notification-service verify -Dtest=ProjectionThroughputHarness \
 *   -Dharness.cards=1000 -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE ...
 * </pre>
 *
 * Each way in turn ({@code -Dharness.runs=3} for three pairs): one event at a time (the way before
 * ADR 33) and by sets (the service's). Each card: requested, produced, dispatched to an outlet,
 * collected, enabled, a mobile change; every tenth card's outlet carries a link, so that its notice
 * is blocked (R-FRAUD-1).
 */
@EnabledIfSystemProperty(named = "harness.cards", matches = "\\d+")
class ProjectionThroughputHarness {

  @Test
  void live_then_rebuild() throws Exception {
    int cards = Integer.getInteger("harness.cards");
    run(Math.max(1, cards / 5), false, false); // warm-up
    run(Math.max(1, cards / 5), true, false);
    for (int i = 0; i < Integer.getInteger("harness.runs", 1); i++) {
      run(cards, false, true);
      run(cards, true, true);
    }
  }

  /**
   * One way: the live projection (polls of 500, positions claimed) then its rebuild into a copy
   * (polls of 2,000), by sets (ADR 33, the service's way) or one event at a time (the way before).
   */
  private static void run(int cards, boolean bySets, boolean print) throws Exception {
    List<List<EventEnvelope>> perCard = new ArrayList<>();
    for (int i = 0; i < cards; i++) {
      TestCard card = TestCard.fresh();
      String outlet = i % 10 == 0 ? "工商银行 www.icbc-card.top 支行" : "工商银行北京朝阳门支行";
      List<EventEnvelope> events = new ArrayList<>();
      for (byte[] json :
          List.of(
              card.requested(),
              card.produced(),
              card.dispatchedToOutlet(outlet),
              card.collected(),
              card.enabled())) {
        events.add(EventCodec.decode(json));
      }
      events.sort(Comparator.comparingLong(EventEnvelope::sequence));
      long next = events.get(events.size() - 1).sequence() + 1;
      events.add(
          EventCodec.decode(
              card.mobileChanged(next, MobileNumberChanged.HOLDER, TestCard.randomMobile())));
      perCard.add(events);
    }
    // Interleaved as a topic's partition has them: each card's events in order.
    List<EventEnvelope> stream = new ArrayList<>();
    for (int step = 0; step < perCard.get(0).size(); step++) {
      for (List<EventEnvelope> events : perCard) {
        stream.add(events.get(step));
      }
    }
    try (ProjectionOnPostgres db = new ProjectionOnPostgres()) {
      long t0 = System.nanoTime();
      db.applyLive(stream, 500, bySets);
      long live = System.nanoTime() - t0;
      db.createCopy();
      t0 = System.nanoTime();
      db.replayIntoCopy(stream, 2000, bySets);
      long rebuild = System.nanoTime() - t0;
      if (print) {
        System.out.printf(
            "HARNESS %s %d events (%d cards): live %.0f events/s (%d ms), rebuild %.0f events/s"
                + " (%d ms)%n",
            bySets ? "by sets     " : "one at a time",
            stream.size(),
            cards,
            stream.size() / (live / 1e9),
            live / 1_000_000,
            stream.size() / (rebuild / 1e9),
            rebuild / 1_000_000);
      }
      for (String table : ProjectionOnPostgres.PROJECTION_TABLES) {
        assertEquals(0, db.differences(table), table);
      }
    }
  }
}
