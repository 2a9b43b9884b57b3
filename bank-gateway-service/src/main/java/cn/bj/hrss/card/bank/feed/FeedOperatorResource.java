package cn.bj.hrss.card.bank.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** Operators: every bank's delivery state, to see a bank that stopped reading. */
@Path("/bank-feeds")
@Produces(MediaType.APPLICATION_JSON)
public class FeedOperatorResource {

  private final DeliveryStates states;

  FeedOperatorResource(DeliveryStates states) {
    this.states = states;
  }

  @GET
  public List<FeedState> all() throws SQLException {
    return states.all();
  }

  @GET
  @Path("/{bankCode}")
  public FeedState one(@PathParam("bankCode") String bankCode) throws SQLException {
    return states.of(bankCode);
  }
}
