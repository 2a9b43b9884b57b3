package cn.bj.hrss.card.notification.sms;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** The messages the card events gave a card's holder, recipient masked. */
@Path("/notifications/cards")
@Produces(MediaType.APPLICATION_JSON)
public class SmsResource {

  private final SmsProjection messages;

  SmsResource(SmsProjection messages) {
    this.messages = messages;
  }

  @GET
  @Path("/{cardId}")
  public List<SmsMessage> messages(@PathParam("cardId") String cardId) throws SQLException {
    return messages.messagesOf(cardId);
  }
}
