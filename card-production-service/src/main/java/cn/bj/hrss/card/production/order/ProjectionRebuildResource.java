package cn.bj.hrss.card.production.order;

import cn.bj.hrss.card.production.kafka.CardEventsListener;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;

/**
 * The operator's rebuild: the production orders are dropped and rebuilt from the card topic (kept
 * forever), and come out identical, since every value in them comes from the events and the
 * official calendar. Reads go on answering meanwhile, from the projection as it refills.
 */
@Path("/production-orders/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionRebuildResource {

  private final CardEventsListener listener;
  private final ProductionOrderProjection projection;

  ProjectionRebuildResource(CardEventsListener listener, ProductionOrderProjection projection) {
    this.listener = listener;
    this.projection = projection;
  }

  @POST
  public Response rebuild() throws Exception {
    listener.replayFromTheStart(
        () -> {
          try {
            projection.clear();
          } catch (SQLException e) {
            throw new IllegalStateException("could not empty the projection", e);
          }
        });
    return Response.accepted(Map.of("replaying", "from the start of the card topic")).build();
  }
}
