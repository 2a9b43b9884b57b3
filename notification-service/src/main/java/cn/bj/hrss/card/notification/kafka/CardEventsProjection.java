package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.host.HostedProjection;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.notification.sms.SmsProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The card topic's projection into the holders' messages, as card-event-consumer's {@code
 * ProjectionHost} hosts it (ADR 26): the tables a rebuild copies, the change the live consumer and
 * the rebuild run (a poll's events by sets, ADR 33 and 34), the re-drive of dead letters, and the
 * messages queued for the SMS gateway, not yet sent ({@code card.outbox.waiting{outbox="sms"}}).
 */
@ApplicationScoped
public class CardEventsProjection {

  /**
   * The projection is what the card topic gives: positions, contacts, mobile changes and the card
   * events' messages. The alert messages in sms_message are carried over as they are; the outbox,
   * receipts and alerts are the service's own records and stay. The catalogue (templates, banks) is
   * read by the replay, so it is copied with its rows. A message the replay queued that was never
   * sent (the catalogue grew since its event) is recorded as NOT_SENT_REPLAY: history.
   */
  static final ProjectionRebuild.Layout TABLES =
      new ProjectionRebuild.Layout(
          "notification",
          List.of("card_event_position", "card_contact", "mobile_change", "sms_message"),
          List.of("sms_template", "bank"),
          Map.of("sms_message", "source <> '" + Topics.CARD_LIFECYCLE + "'"),
          // A message the replay queued that was never sent (the catalogue grew since its event)
          // is history: recorded, never sent, as the copy's outbox is dropped.
          List.of(
              // NOT EXISTS, an anti-join on the outbox's key: NOT IN (subquery) compared every
              // message with every outbox row once the outbox outgrew work_mem (docs/benchmark.md).
              "UPDATE {copy}.sms_message m SET decision = 'NOT_SENT_REPLAY' WHERE m.decision ="
                  + " 'QUEUED' AND NOT EXISTS (SELECT 1 FROM {live}.sms_outbox o"
                  + " WHERE o.message_id = m.message_id)"),
          "SELECT decision, count(*) FROM sms_message WHERE source = '"
              + Topics.CARD_LIFECYCLE
              + "' GROUP BY decision ORDER BY decision");

  @Produces
  @Singleton
  HostedProjection projection(SmsProjection messages) {
    return HostedProjection.of(
            "notification-service",
            TABLES,
            CardEventChange.of(messages::change, messages::changeAll),
            messages::apply)
        .withOutbox("sms", "SELECT count(*) FROM sms_outbox WHERE status = 'QUEUED'");
  }
}
