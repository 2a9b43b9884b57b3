package cn.bj.hrss.card.bank.card;

import cn.bj.hrss.card.refusal.Refusal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/**
 * A bank's view of its own cards. A card of another bank answers 404, exactly like a card that does
 * not exist; only the bank itself gets here ({@code AuthenticationFilter}).
 */
@Path("/banks/{bankCode}/cards")
@Produces(MediaType.APPLICATION_JSON)
public class BankCardResource {

  private final BankCardProjection cards;

  BankCardResource(BankCardProjection cards) {
    this.cards = cards;
  }

  @GET
  @Path("/{cardId}")
  public BankCard get(@PathParam("bankCode") String bankCode, @PathParam("cardId") String cardId)
      throws SQLException {
    return cards.find(bankCode, cardId).orElseThrow(Refusal::notFound);
  }
}
