package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.LiveCardEvents;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
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
 * Feeds the card topic into the production orders, from start-up to shutdown, reports whether that
 * is still happening (liveness), and gives the operator's rebuild its consumer and tables.
 */
@Liveness
@ApplicationScoped
public class CardEventsListener implements HealthCheck {

  /**
   * The projection is the orders and the positions. The overdue alerts, the factory reports and the
   * assignment's audit are the service's own records: a rebuild keeps them as they are. The factory
   * assignment is reference data the replay reads, so it is copied with its rows; at the switch,
   * the orders of a bank whose factories an operator changed meanwhile take the bank's factories
   * now (S-FACTORY-1).
   */
  static final ProjectionRebuild.Layout TABLES =
      new ProjectionRebuild.Layout(
          "production",
          List.of("production_order", "card_event_position"),
          List.of("factory_assignment"),
          Map.of(),
          List.of(
              "UPDATE {copy}.production_order o SET factories = ARRAY(SELECT a.factory_id"
                  + " FROM {live}.factory_assignment a WHERE a.bank_code = o.bank_code"
                  + " ORDER BY a.factory_id COLLATE \"C\")"
                  + " WHERE o.bank_code IN (SELECT changed.bank_code FROM ("
                  + "(SELECT bank_code, factory_id FROM {copy}.factory_assignment"
                  + " EXCEPT SELECT bank_code, factory_id FROM {live}.factory_assignment)"
                  + " UNION (SELECT bank_code, factory_id FROM {live}.factory_assignment"
                  + " EXCEPT SELECT bank_code, factory_id FROM {copy}.factory_assignment))"
                  + " AS changed)"),
          "SELECT status, count(*) FROM production_order GROUP BY status ORDER BY status");

  private final LiveCardEvents live;
  private final ProjectionRebuild rebuild;

  CardEventsListener(ProductionOrderProjection orders, DataSource dataSource) {
    this.live = new LiveCardEvents(orders::change, dataSource);
    this.rebuild =
        new ProjectionRebuild(
            "card-production-service",
            dataSource,
            live.bootstrapServers(),
            TABLES,
            live,
            orders::change);
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
