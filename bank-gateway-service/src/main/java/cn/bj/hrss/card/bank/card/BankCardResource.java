package cn.bj.hrss.card.bank.card;

import cn.bj.hrss.card.refusal.Refusal;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/**
 * A bank's view of its own cards. A card of another bank answers 404, exactly like a card that does
 * not exist; only the bank itself gets here ({@code AuthenticationFilter}), and for the list of
 * cards awaiting pickup (S-LIST-3) also operators.
 */
@Path("/banks/{bankCode}/cards")
@Produces(MediaType.APPLICATION_JSON)
public class BankCardResource {

  static final int MAX_LIMIT = 500;

  private final BankCardProjection cards;
  private final AwaitingPickup awaitingPickup;

  BankCardResource(BankCardProjection cards, AwaitingPickup awaitingPickup) {
    this.cards = cards;
    this.awaitingPickup = awaitingPickup;
  }

  /**
   * S-LIST-3: the bank's cards waiting at its outlets for pickup, since when, whether the holder
   * was reminded (S-PICKUP-1), and those past their pickup period (back at the central store); by
   * outlet and state, oldest arrival first.
   */
  @GET
  @Path("/awaiting-pickup")
  public AwaitingPickup.Page awaitingPickup(
      @PathParam("bankCode") String bankCode,
      @QueryParam("outlet") String outlet,
      @QueryParam("state") String state,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset)
      throws SQLException {
    if (state != null && !AwaitingPickup.STATES.contains(state)) {
      throw Refusal.badRequest(
          "INPUT-STATE", "状态有误。", "state must be one of " + AwaitingPickup.STATES);
    }
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw Refusal.badRequest(
          "INPUT-PAGING", "分页参数有误。", "limit must be 1.." + MAX_LIMIT + " and offset 0 or more");
    }
    return awaitingPickup.page(bankCode, outlet, state, limit, offset);
  }

  @GET
  @Path("/{cardId}")
  public BankCard getBankCard(
      @PathParam("bankCode") String bankCode, @PathParam("cardId") String cardId)
      throws SQLException {
    return cards.find(bankCode, cardId).orElseThrow(Refusal::notFound);
  }
}
