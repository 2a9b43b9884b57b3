package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.deadletter.DeadLetterResource;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
import jakarta.ws.rs.Path;
import javax.sql.DataSource;

/**
 * The card consumer's dead letters for operators: list, re-drive through the live handler, discard
 * a stray record (card-event-consumer, ADR 15).
 */
@Path("/dead-letters")
public class DeadLetterEndpoints extends DeadLetterResource {

  DeadLetterEndpoints(
      ProductionOrderProjection orders, DataSource dataSource, ProjectionRebuild rebuild) {
    super(DeadLetters.fromConfig(dataSource), orders::apply, rebuild);
  }
}
