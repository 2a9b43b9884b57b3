package cn.bj.hrss.card.benchmark.trivial;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP layer's ceiling: a GET that answers a constant, and a POST that reads a JSON body of the
 * size of a card application and answers 201 with a new id, as {@code POST /cards} does, but with
 * no rule, no database and no Kafka behind it.
 */
@Path("/")
public class TrivialResource {

  @GET
  @Path("hello")
  @Produces(MediaType.TEXT_PLAIN)
  public String hello() {
    return "hello";
  }

  @POST
  @Path("cards")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response accept(Map<String, Object> body) {
    String id = UUID.randomUUID().toString();
    return Response.status(201)
        .header("Location", "/cards/" + id)
        .entity(Map.of("cardId", id, "status", "REQUESTED"))
        .build();
  }
}
