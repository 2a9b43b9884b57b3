package cn.bj.hrss.card.production.order;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/** Read access to the production orders. */
@Path("/production-orders")
@Produces(MediaType.APPLICATION_JSON)
public class ProductionOrderResource {

  private final ProductionOrderProjection orders;

  ProductionOrderResource(ProductionOrderProjection orders) {
    this.orders = orders;
  }

  @GET
  @Path("/{cardId}")
  public ProductionOrder get(@PathParam("cardId") String cardId) throws SQLException {
    return orders.find(cardId).orElseThrow(() -> new NotFoundException("no production order"));
  }
}
