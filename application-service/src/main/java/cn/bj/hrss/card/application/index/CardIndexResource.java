package cn.bj.hrss.card.application.index;

import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Operators: fold the whole event store into the card index again (S-LIST-*, S-PICKUP-1). */
@Path("/card-index/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class CardIndexResource {

  /** How many cards the index holds after the rebuild. */
  public record Rebuilt(int cards) {}

  private final CardIndexStore index;
  private final EventStore eventStore;

  CardIndexResource(CardIndexStore index, EventStore eventStore) {
    this.index = index;
    this.eventStore = eventStore;
  }

  @POST
  public Rebuilt rebuild(@BeanParam CallerHeaders headers) {
    headers.context().requireRole("OPERATOR");
    return new Rebuilt(index.rebuild(eventStore));
  }
}
