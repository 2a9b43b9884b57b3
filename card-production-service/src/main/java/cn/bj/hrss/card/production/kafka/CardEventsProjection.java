package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.host.HostedProjection;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The card topic's projection into the production orders, as card-event-consumer's {@code
 * ProjectionHost} hosts it (ADR 26): the tables a rebuild copies, the change the live consumer and
 * the rebuild run (a poll's events by sets, ADR 33), the re-drive of dead letters, and the overdue
 * alerts not yet on Kafka ({@code card.outbox.waiting{outbox="production-alerts"}}).
 */
@ApplicationScoped
public class CardEventsProjection {

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

  @Produces
  @Singleton
  HostedProjection projection(ProductionOrderProjection orders) {
    return HostedProjection.of(
            "card-production-service",
            TABLES,
            CardEventChange.of(orders::change, orders::changeAll),
            orders::apply)
        .withOutbox(
            "production-alerts",
            "SELECT count(*) FROM production_overdue_alert WHERE published_at IS NULL");
  }
}
