package cn.bj.hrss.card.notification.rebuild;

import cn.bj.hrss.card.notification.rebuild.ProjectionRebuild.Status;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The operator's rebuild command and the projection's progress. */
@Path("/notifications/projection")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

  private final ProjectionRebuild rebuild;

  RebuildResource(ProjectionRebuild rebuild) {
    this.rebuild = rebuild;
  }

  /** Starts a rebuild from the start of the card topic; it sends nothing. 202 with the status. */
  @POST
  @Path("/rebuild")
  public Response rebuild() throws Exception {
    return Response.accepted(rebuild.rebuild()).build();
  }

  /** The last rebuild and the lag: 0 once every event of the topic is applied. */
  @GET
  public Status status() throws Exception {
    return rebuild.status();
  }
}
