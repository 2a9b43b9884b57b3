package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import cn.bj.hrss.card.consumer.rebuild.ProjectionResource;
import jakarta.ws.rs.Path;

/** The projection's rebuild, summary and positions for operators (card-event-consumer, ADR 13). */
@Path("/projection")
public class ProjectionEndpoints extends ProjectionResource {

  ProjectionEndpoints(ProjectionRebuild rebuild) {
    super(rebuild);
  }
}
