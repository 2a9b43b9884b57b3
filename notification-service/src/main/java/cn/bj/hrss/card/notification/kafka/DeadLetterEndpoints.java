package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.consumer.deadletter.DeadLetterResource;
import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.notification.sms.SmsProjection;
import jakarta.ws.rs.Path;
import javax.sql.DataSource;

/**
 * The card consumer's dead letters for operators: list, re-drive through the live handler, discard
 * a stray record (card-event-consumer, ADR 15).
 */
@Path("/dead-letters")
public class DeadLetterEndpoints extends DeadLetterResource {

  DeadLetterEndpoints(SmsProjection messages, DataSource dataSource, ProjectionRebuild rebuild) {
    super(DeadLetters.fromConfig(dataSource), messages::apply, rebuild);
  }
}
