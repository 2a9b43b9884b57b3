package cn.bj.hrss.card.bank.kafka;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.bank.feed.FeedAppender;
import cn.bj.hrss.card.consumer.LiveCardEvents;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
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
 * Feeds the card topic into the banks' cards and feeds, from start-up to shutdown, reports whether
 * that is still happening (liveness), and gives the operator's rebuild its consumer and tables.
 */
@Liveness
@ApplicationScoped
public class CardEventsListener implements HealthCheck {

  /**
   * The projection is the bank cards and the positions. The feeds (what each bank was given and
   * acknowledged) and the banks' reports are the service's own records: a rebuild keeps them, and
   * what its replay appends to feeds stays in the copy and is dropped.
   */
  static final ProjectionRebuild.Layout TABLES =
      new ProjectionRebuild.Layout(
          "bank_gateway",
          List.of("bank_card", "card_event_position"),
          List.of(),
          Map.of(),
          List.of(),
          "SELECT status, count(*) FROM bank_card GROUP BY status ORDER BY status");

  private final LiveCardEvents live;
  private final ProjectionRebuild rebuild;

  CardEventsListener(BankCardProjection cards, DataSource dataSource) {
    this.live = new LiveCardEvents(cards::change, FeedAppender::lockEveryFeed, dataSource);
    this.rebuild =
        new ProjectionRebuild(
            "bank-gateway-service",
            dataSource,
            live.bootstrapServers(),
            TABLES,
            live,
            cards::change);
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
