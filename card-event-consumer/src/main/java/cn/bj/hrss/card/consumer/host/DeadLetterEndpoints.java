package cn.bj.hrss.card.consumer.host;

import cn.bj.hrss.card.consumer.deadletter.DeadLetterResource;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import jakarta.ws.rs.Path;

/**
 * The hosted consumer's dead letters for operators: list, re-drive through the service's {@code
 * redrive}, discard a stray record (ADR 15). Present in every service that has the library.
 */
@Path("/dead-letters")
public class DeadLetterEndpoints extends DeadLetterResource {

  DeadLetterEndpoints(ProjectionHost host, ProjectionRebuild rebuild) {
    super(host.deadLetters(), host.projection().redrive(), rebuild);
  }
}
