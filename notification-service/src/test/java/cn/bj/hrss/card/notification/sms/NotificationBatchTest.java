package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.testsupport.CardHistories;
import cn.bj.hrss.card.testsupport.PollWays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A poll's events applied by sets ({@code changeAll} after {@code CardEventPositions.claimAll}, ADR
 * 33, 34) give what {@code change}, the definition, gives one event at a time with {@code claim}:
 * every column of the positions, contacts, mobile changes, messages and outbox rows (but the serial
 * id and the outbox's two "now" times). The polls are test-support's generated card histories with
 * redelivered events, their applicants moved to six persons and three mobiles (so that persons have
 * several cards, applications read other cards of theirs, mobiles change), and each poll is sent as
 * two, so that a later part meets cards whose earlier events came before: applications and mobile
 * changes of one person's cards in one round.
 */
class NotificationBatchTest {

  private static final List<String> ROWS =
      List.of(
          "SELECT * FROM card_event_position WHERE card_id = ANY(?) ORDER BY card_id",
          "SELECT * FROM card_contact WHERE card_id = ANY(?) ORDER BY card_id",
          "SELECT * FROM mobile_change WHERE card_id = ANY(?) ORDER BY card_id, event_key",
          "SELECT card_id, source, event_key, event_sequence, event_id, event_type, template,"
              + " recipient_mobile, signature, body, decision, block_reason, message_id,"
              + " event_occurred_at FROM sms_message WHERE card_id = ANY(?)"
              + " ORDER BY card_id, event_key, recipient_mobile",
          "SELECT message_id, card_id, template, recipient_mobile, signature, text,"
              + " text_fingerprint, status, attempts, lease_until, first_attempt_at, sent_at,"
              + " gateway_message_id, last_error FROM sms_outbox WHERE card_id = ANY(?)"
              + " ORDER BY message_id");

  @Test
  void a_polls_events_by_sets_give_the_rows_of_one_event_at_a_time() throws Exception {
    try (ProjectionOnPostgres db = new ProjectionOnPostgres()) {
      SmsProjection projection = db.projection;
      PollWays.Way oneAtATime =
          (connection, events) -> {
            for (EventEnvelope event : events) {
              CardEventPositions.applyOnce(connection, event, c -> projection.change(c, event));
            }
          };
      PollWays.Way bySets =
          (connection, events) -> {
            int half = events.size() / 2;
            for (List<EventEnvelope> poll :
                List.of(events.subList(0, half), events.subList(half, events.size()))) {
              projection.changeAll(connection, CardEventPositions.claimAll(connection, poll));
            }
          };
      PollWays.assertSameRows(
          db.dataSource(), NotificationBatchTest::poll, oneAtATime, bySets, ROWS);
    }
  }

  /**
   * Not a check: events per second of each way (test-support's {@code PollWays.measure}: live polls
   * of 500 with positions, rebuild polls of 2,000 changes alone; the generated histories' one
   * applicant, so a person with many cards). Run with {@code -Dmeasure=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "measure", matches = "true")
  void measure() throws Exception {
    try (ProjectionOnPostgres db = new ProjectionOnPostgres()) {
      SmsProjection projection = db.projection;
      PollWays.measure(
          "notification",
          db.dataSource(),
          (connection, events) -> {
            for (EventEnvelope event : events) {
              CardEventPositions.applyOnce(connection, event, c -> projection.change(c, event));
            }
          },
          (connection, events) ->
              projection.changeAll(connection, CardEventPositions.claimAll(connection, events)),
          (connection, events) -> {
            for (EventEnvelope event : events) {
              projection.change(connection, event);
            }
          },
          projection::changeAll);
    }
  }

  /** 40 cards' histories, their applicants six persons with three mobiles between them. */
  static List<EventEnvelope> poll(Random random) {
    Map<String, Applicant> applicants = new HashMap<>();
    Map<String, EventEnvelope> moved = new HashMap<>();
    List<EventEnvelope> poll = new ArrayList<>();
    for (EventEnvelope event : CardHistories.interleaved(random, 40, 12)) {
      if (moved.containsKey(event.eventId())) {
        poll.add(moved.get(event.eventId())); // delivered again, as it was
        continue;
      }
      Applicant applicant =
          applicants.computeIfAbsent(
              event.cardId(),
              card ->
                  new Applicant(
                      "1101051949123100" + (10 + random.nextInt(6)),
                      "测试" + random.nextInt(6),
                      mobile(random)));
      CardEvent payload = event.payload();
      if (payload instanceof CardRequested r) {
        payload =
            new CardRequested(
                r.cardId(),
                applicant,
                r.bankCode(),
                r.collection(),
                r.category(),
                r.guardian(),
                r.applicationDate(),
                r.issue());
      } else if (payload instanceof ReplacementCardIssued r) {
        payload =
            new ReplacementCardIssued(
                r.cardId(),
                r.replacesCardId(),
                applicant,
                r.bankCode(),
                r.cardNumber(),
                r.outletName(),
                r.reason(),
                r.category(),
                r.oldCardStillValid());
      } else if (payload instanceof MobileNumberChanged m) {
        payload = new MobileNumberChanged(m.of(), mobile(random));
      }
      moved.put(
          event.eventId(),
          payload == event.payload()
              ? event
              : new EventEnvelope(
                  event.eventId(),
                  event.eventType(),
                  event.eventVersion(),
                  event.cardId(),
                  event.sequence(),
                  event.occurredAt(),
                  event.actor(),
                  event.channel(),
                  event.correlationId(),
                  (CardEvent) payload));
      poll.add(moved.get(event.eventId()));
    }
    return poll;
  }

  private static String mobile(Random random) {
    return "1390000000" + random.nextInt(3);
  }
}
