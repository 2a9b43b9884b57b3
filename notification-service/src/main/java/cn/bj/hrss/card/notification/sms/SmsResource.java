package cn.bj.hrss.card.notification.sms;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.notification.sms.SmsQueries.BlockedMessage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** The messages the events gave, recipient masked: per card, and the blocked ones. */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class SmsResource {

  private final SmsQueries queries;

  SmsResource(SmsQueries queries) {
    this.queries = queries;
  }

  /** What was sent, blocked or delivered for a card, in event order; [] for an unknown card. */
  @GET
  @Path("/cards/{cardId}")
  public List<SmsMessage> messages(@PathParam("cardId") String cardId) throws SQLException {
    return queries.ofCard(cardId);
  }

  /** The messages the anti-fraud policy refused, newest first, with the reason. */
  @GET
  @Path("/blocked")
  public List<BlockedMessage> blocked(@QueryParam("limit") @DefaultValue("100") int limit)
      throws SQLException {
    return queries.blocked(Math.max(1, Math.min(limit, 1000)));
  }
}
