package cn.bj.hrss.card.consumer.host;

import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.consumer.rebuild.ProjectionResource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.Path;

/**
 * The hosted projection's rebuild, summary and positions for operators (ADR 13). On where {@link
 * ProjectionHost} is.
 */
@IfBuildProperty(name = ProjectionHost.ENABLED, stringValue = "true")
@Path("/projection")
public class ProjectionEndpoints extends ProjectionResource {

  ProjectionEndpoints(ProjectionRebuild rebuild) {
    super(rebuild);
  }
}
