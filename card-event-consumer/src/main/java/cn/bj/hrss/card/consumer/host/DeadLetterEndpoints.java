package cn.bj.hrss.card.consumer.host;

import cn.bj.hrss.card.consumer.deadletter.DeadLetterResource;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.Path;

/**
 * The hosted consumer's dead letters for operators: list, re-drive through the service's {@code
 * redrive}, discard a stray record (ADR 15). On where {@link ProjectionHost} is.
 */
@IfBuildProperty(name = ProjectionHost.ENABLED, stringValue = "true")
@Path("/dead-letters")
public class DeadLetterEndpoints extends DeadLetterResource {

  DeadLetterEndpoints(ProjectionHost host, ProjectionRebuild rebuild) {
    super(host.deadLetters(), host.projection().redrive(), rebuild);
  }
}
