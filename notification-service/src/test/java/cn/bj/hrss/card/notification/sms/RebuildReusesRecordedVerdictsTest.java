package cn.bj.hrss.card.notification.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.notification.support.TestCard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 2, ADR 34: a rebuild's replay copies the anti-fraud verdict the live projection
 * recorded for a message whose id and text are unchanged, and checks afresh a message whose text
 * differs or that the live projection never had. The verdicts here are planted in the live rows, so
 * only a copied verdict can reach the copy, and only a fresh check can undo a planted one.
 */
class RebuildReusesRecordedVerdictsTest {

  private static final String PLANTED = "R-FRAUD-1: planted in the live row by the test";
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final String LINK_OUTLET = "工商银行 www.icbc-card.top 支行";

  @Test
  void the_rebuild_gives_the_rows_of_the_live_projection() throws Exception {
    try (ProjectionOnPostgres db = new ProjectionOnPostgres()) {
      List<EventEnvelope> events = new ArrayList<>();
      TestCard previous = TestCard.fresh();
      for (int i = 0; i < 20; i++) {
        // Every fifth applicant applied before with another mobile: a mobile_change row.
        TestCard card =
            i % 5 == 1 ? TestCard.fresh().withIdNumber(previous.idNumber) : TestCard.fresh();
        events.addAll(lifecycle(card, i % 4 == 0 ? LINK_OUTLET : OUTLET));
        previous = card;
      }
      db.applyLive(events, 7);
      db.createCopy();

      db.replayIntoCopy(events, 11);

      for (String table : ProjectionOnPostgres.PROJECTION_TABLES) {
        assertEquals(0, db.differences(table), table + " differs from the live projection");
      }
      assertEquals(40, db.rows(db.copy, "sms_message"));
      assertEquals(4, db.rows(db.copy, "mobile_change"));
      assertEquals(0, db.rows(db.copy, "sms_outbox"), "a replay queues nothing");
    }
  }

  @Test
  void an_unchanged_text_keeps_its_recorded_verdict_a_changed_one_is_checked_again()
      throws Exception {
    try (ProjectionOnPostgres db = new ProjectionOnPostgres()) {
      TestCard same = TestCard.fresh();
      TestCard changed = TestCard.fresh();
      TestCard unknown = TestCard.fresh();
      List<EventEnvelope> events = new ArrayList<>();
      events.addAll(lifecycle(same, OUTLET));
      events.addAll(lifecycle(changed, OUTLET));
      events.addAll(lifecycle(unknown, LINK_OUTLET));
      db.applyLive(events, 50);
      String pickup = "'READY_FOR_PICKUP'";
      // The policy allowed both pickup notices; a verdict that says otherwise can only come from
      // the live row. The second one's recorded text is no longer what the event renders.
      db.execute(
          "UPDATE "
              + db.live
              + ".sms_message SET decision = 'BLOCKED', block_reason = '"
              + PLANTED
              + "' WHERE template = "
              + pickup
              + " AND card_id IN ('"
              + same.id
              + "', '"
              + changed.id
              + "')");
      db.execute(
          "UPDATE "
              + db.live
              + ".sms_message SET body = body || '（旧文本）' WHERE template = "
              + pickup
              + " AND card_id = '"
              + changed.id
              + "'");
      // A message the live side never had: checked afresh, blocked by the policy itself.
      db.execute(
          "DELETE FROM "
              + db.live
              + ".sms_message WHERE template = "
              + pickup
              + " AND card_id = '"
              + unknown.id
              + "'");
      db.createCopy();

      db.replayIntoCopy(events, 50);

      assertEquals(List.of("BLOCKED", PLANTED), verdict(db, same), "copied, not re-checked");
      List<String> rechecked = verdict(db, changed);
      assertEquals("QUEUED", rechecked.get(0), "a changed text is checked again: " + rechecked);
      assertEquals(null, rechecked.get(1));
      List<String> fresh = verdict(db, unknown);
      assertEquals("BLOCKED", fresh.get(0));
      assertTrue(
          fresh.get(1).startsWith("R-FRAUD-1: ") && !fresh.get(1).equals(PLANTED), fresh.get(1));
      assertEquals(
          3,
          db.differences("sms_message"),
          "the changed text's row, both ways, and the row the live side lacks");
    }
  }

  /** Requested, produced, dispatched to {@code outlet}: two messages, the second names it. */
  private static List<EventEnvelope> lifecycle(TestCard card, String outlet) {
    List<EventEnvelope> events = new ArrayList<>();
    for (byte[] json :
        List.of(card.requested(), card.produced(), card.dispatchedToOutlet(outlet))) {
      events.add(EventCodec.decode(json));
    }
    events.sort(Comparator.comparingLong(EventEnvelope::sequence));
    return events;
  }

  private static List<String> verdict(ProjectionOnPostgres db, TestCard card) throws Exception {
    return db.row(
        "SELECT decision, block_reason FROM "
            + db.copy
            + ".sms_message WHERE template = 'READY_FOR_PICKUP' AND card_id = '"
            + card.id
            + "'");
  }
}
