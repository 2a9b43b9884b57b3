package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.CardCommands;
import cn.bj.hrss.card.application.card.CardEndings;
import cn.bj.hrss.card.application.card.command.ChangeApplication;
import cn.bj.hrss.card.application.card.command.ChangeMobile;
import cn.bj.hrss.card.application.card.command.ConfirmReceipt;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.card.query.CardView;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.contract.event.Collection;
import cn.bj.hrss.card.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Function;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * What the applicant does to an application before its card is produced (S-CHANGE-1 change,
 * S-WITHDRAW-1 withdrawal), and what only the holder or their guardian does through a citizen's
 * channel (S-MOBILE-1 a new mobile number, S-MAIL-1 a mailed card's receipt). Every command answers
 * 200 with the card as it now is. Whose card it is, {@link CardAccess} decides as for every card
 * command; a citizen who is not the holder but the holder's recorded guardian acts as GUARDIAN. The
 * aggregate then decides which of the card's parties may ask (ChangePolicy, HolderPolicy).
 */
@Path("/cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationChangeResource {

  /** S-CHANGE-1: what changes; what is absent stays as it is. */
  record ApplicationChangeRequest(String bankCode, Collection collection) {}

  /** S-MOBILE-1: the new mobile number. */
  record MobileChangeRequest(String mobile) {}

  private final CardCommands cards;
  private final CardQuery query;
  private final CardAccess access;
  private final CardEndings endings;

  ApplicationChangeResource(
      CardCommands cards, CardQuery query, CardAccess access, CardEndings endings) {
    this.cards = cards;
    this.query = query;
    this.access = access;
    this.endings = endings;
  }

  /**
   * S-CHANGE-1: the bank, the collection method, the outlet or the address, before production; by
   * the holder, their guardian, the organisation that applied collectively, or an operator.
   */
  @RolesAllowed({Roles.CITIZEN, Roles.EMPLOYER, Roles.UNIVERSITY, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/application-change")
  public CardView change(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      ApplicationChangeRequest body) {
    return command(
        cardId, headers, body, b -> new ChangeApplication(cardId, b.bankCode(), b.collection()));
  }

  /**
   * S-WITHDRAW-1: before production; releases the one-application claim in the same transaction, so
   * the person may apply again.
   */
  @RolesAllowed({Roles.CITIZEN, Roles.EMPLOYER, Roles.UNIVERSITY, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/withdrawal")
  public CardView withdraw(@PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    CallerContext caller = actingFor(headers, cards.read(cardId));
    endings.withdraw(caller.metaData(), cardId);
    return card(cardId);
  }

  /** S-MOBILE-1: the holder's own number, or the guardian's for a minor's card. */
  @RolesAllowed(Roles.CITIZEN)
  @POST
  @Path("/{cardId}/mobile")
  public CardView changeMobile(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      MobileChangeRequest body) {
    return command(cardId, headers, body, b -> new ChangeMobile(cardId, b.mobile()));
  }

  /** S-MAIL-1: the holder confirms that the mailed card arrived; it may then be enabled. */
  @RolesAllowed(Roles.CITIZEN)
  @POST
  @Path("/{cardId}/receipt")
  public CardView confirmReceipt(
      @PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    return command(cardId, headers, cardId, ConfirmReceipt::new);
  }

  /**
   * The caller, refused as for a card that is not there unless the card is theirs to reach; a
   * citizen who is not the holder reaches it only as the holder's recorded guardian, and acts as
   * GUARDIAN.
   */
  private CallerContext actingFor(CallerHeaders headers, CardEvents card) {
    CallerContext caller = headers.context();
    access.require(caller, card);
    if (caller.is("CITIZEN")) {
      String holder = card.state().orElseThrow(() -> notFound(card.cardId())).holder().idNumber();
      if (!caller.verifiedIdNumber().equals(holder)) {
        return caller.asGuardian();
      }
    }
    return caller;
  }

  /**
   * Runs the command made from the request's body, for the caller, and answers with the card; its
   * events read once (ADR 32).
   */
  private <B> CardView command(
      String cardId, CallerHeaders headers, B body, Function<B, Object> toCommand) {
    CardEvents card = cards.read(cardId);
    CallerContext caller = actingFor(headers, card);
    CardResource.requireBody(body);
    return cards.send(caller.metaData(), card, toCommand.apply(body));
  }

  private CardView card(String cardId) {
    return query.find(cardId).orElseThrow(() -> notFound(cardId));
  }

  private static AggregateNotFoundException notFound(String cardId) {
    return new AggregateNotFoundException(cardId, "no card with this id");
  }
}
