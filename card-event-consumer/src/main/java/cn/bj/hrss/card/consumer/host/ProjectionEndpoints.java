package cn.bj.hrss.card.consumer.host;

import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.consumer.rebuild.ProjectionResource;
import jakarta.ws.rs.Path;

/**
 * The hosted projection's rebuild, summary and positions for operators (ADR 13). Present in every
 * service that has the library.
 */
@Path("/projection")
public class ProjectionEndpoints extends ProjectionResource {

  ProjectionEndpoints(ProjectionRebuild rebuild) {
    super(rebuild);
  }
}
