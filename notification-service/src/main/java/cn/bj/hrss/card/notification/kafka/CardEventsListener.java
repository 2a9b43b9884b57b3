package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.consumer.LiveCardEvents;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.notification.sms.SmsProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Feeds the card topic into the holders' messages, from start-up to shutdown, reports whether that
 * is still happening (liveness), and gives the operator's rebuild its consumer and tables.
 */
@Liveness
@ApplicationScoped
public class CardEventsListener implements HealthCheck {

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

  private final LiveCardEvents live;
  private final ProjectionRebuild rebuild;

  CardEventsListener(SmsProjection messages, DataSource dataSource) {
    this.live = new LiveCardEvents(messages::change, dataSource);
    this.rebuild =
        new ProjectionRebuild(
            "notification-service",
            dataSource,
            live.bootstrapServers(),
            TABLES,
            live,
            messages::change);
  }

  void start(@Observes StartupEvent startup) {
    live.startConsuming();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    live.stopConsuming();
  }

  @Produces
  @Singleton
  ProjectionRebuild rebuild() {
    return rebuild;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("card-events-consumer")
        .status(live.alive())
        .withData("handled", live.handledCount())
        .build();
  }
}
