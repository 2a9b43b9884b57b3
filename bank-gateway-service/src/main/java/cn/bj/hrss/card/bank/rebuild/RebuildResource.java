package cn.bj.hrss.card.bank.rebuild;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Operators: rebuild the bank cards from the card topic, and follow the replay (lag 0 = done). */
@Path("/bank-feeds/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

  private final ProjectionRebuild rebuild;

  RebuildResource(ProjectionRebuild rebuild) {
    this.rebuild = rebuild;
  }

  @POST
  public Response rebuild() throws Exception {
    return Response.accepted(rebuild.rebuild()).build();
  }

  @GET
  public ProjectionRebuild.Status status() throws Exception {
    return rebuild.status();
  }
}
