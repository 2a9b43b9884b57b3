package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.CardCommands;
import cn.bj.hrss.card.application.card.CardEndings;
import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.application.card.command.RecordMailReturned;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.card.query.CardView;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The turns a card takes off the happy path on its way to the holder and at the end of its life:
 * mail that failed (S-MAIL-2) and the card's cancellation (S-END-1). Each answers 200 with the card
 * as it now is; a caller who may not reach the card is refused exactly like a card that is not
 * there (403 ACCESS-DENIED, {@link CardAccess}): every role of the suite passes the token layer, so
 * that the refusal of a role is that same body ({@link #onlyAs}).
 */
@Path("/cards")
@RolesAllowed({
  Roles.CITIZEN,
  Roles.EMPLOYER,
  Roles.UNIVERSITY,
  Roles.COMMUNITY,
  Roles.BANK,
  Roles.BANK_GATEWAY_SERVICE,
  Roles.CARD_PRODUCTION_SERVICE,
  Roles.OPERATOR,
  Roles.AUDITOR
})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HandOverResource {

  private final CardCommands cards;
  private final CardQuery query;
  private final CardAccess access;
  private final CardEndings endings;

  HandOverResource(CardCommands cards, CardQuery query, CardAccess access, CardEndings endings) {
    this.cards = cards;
    this.query = query;
    this.access = access;
    this.endings = endings;
  }

  /** S-MAIL-2: the issuing bank reports the mail failed, and at which of its outlets it waits. */
  record MailReturn(String trackingNumber, String reason, String outletName) {}

  /** S-END-1: an operator's cancellation, with the reason in words. */
  record Cancellation(String reason, String note) {}

  /**
   * S-MAIL-2: the carrier could not deliver the mailed card or it came back; it now waits at a
   * registered outlet of the issuing bank. The issuing bank (itself or as bank-gateway-service
   * relays it) or an operator.
   */
  @POST
  @Path("/{cardId}/mail-return")
  public CardView mailReturned(
      @PathParam("cardId") String cardId, @BeanParam CallerHeaders headers, MailReturn body) {
    CallerContext caller = onlyAs(headers.context(), "BANK", "OPERATOR");
    CardEvents card = cards.read(cardId);
    access.require(caller, card);
    requireBody(body);
    return cards.send(
        caller.metaData(),
        card,
        new RecordMailReturned(cardId, body.trackingNumber(), body.reason(), body.outletName()));
  }

  /**
   * S-END-1: an operator cancels the card (death, emigration, other) with a note; the holder's
   * one-application claim is released with it ({@link CardEndings}).
   */
  @POST
  @Path("/{cardId}/cancellation")
  public CardView cancel(
      @PathParam("cardId") String cardId, @BeanParam CallerHeaders headers, Cancellation body) {
    CallerContext caller = onlyAs(headers.context(), "OPERATOR");
    requireBody(body);
    endings.cancel(
        caller.metaData(),
        new CancelCard(cardId, body.reason(), CardCancelled.OPERATOR, body.note()));
    return card(cardId);
  }

  /**
   * Refuses every caller not of {@code roles} exactly like a card that is not there (the same body
   * as {@link CardAccess#require}), so that the refusal tells a stranger nothing.
   */
  private static CallerContext onlyAs(CallerContext caller, String... roles) {
    if (!java.util.Set.of(roles).contains(caller.actorRole())) {
      throw CallerContext.denied("not a card of this caller");
    }
    return caller;
  }

  private CardView card(String cardId) {
    return query
        .find(cardId)
        .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card with this id"));
  }

  private static void requireBody(Object body) {
    if (body == null) {
      throw RuleViolation.invalidInput("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
  }
}
