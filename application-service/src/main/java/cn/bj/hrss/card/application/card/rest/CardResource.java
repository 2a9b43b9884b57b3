package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.CardApplications;
import cn.bj.hrss.card.application.card.CardCommands;
import cn.bj.hrss.card.application.card.CardReplacements;
import cn.bj.hrss.card.application.card.IdempotencyKeys;
import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.application.card.command.CancelLossReport;
import cn.bj.hrss.card.application.card.command.ChangeIssuingBank;
import cn.bj.hrss.card.application.card.command.EnableSocialFunction;
import cn.bj.hrss.card.application.card.command.RecordCardDelivered;
import cn.bj.hrss.card.application.card.command.RecordCardDispatched;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.command.RecordCardProductionFailed;
import cn.bj.hrss.card.application.card.command.ReportCardLost;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.card.query.CardProgress;
import cn.bj.hrss.card.application.card.query.CardProgressQuery;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.card.query.CardView;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.identity.Roles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The card lifecycle commands and the card read. An application answers 201 with the new card's id;
 * every other command answers 200 with the card as it now is. Refusals: 400 for bad input, 404 for
 * an unknown card, 409 when the card's state does not allow it; each names the rule.
 */
@Path("/cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CardResource {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final CardQuery query;
  private final CardApplications applications;
  private final IdempotencyKeys idempotencyKeys;
  private final CardReplacements replacements;
  private final CardProgressQuery progressQuery;
  private final CardAccess access;
  private final CardCommands cards;

  CardResource(
      CardCommands cards,
      CardQuery query,
      CardApplications applications,
      IdempotencyKeys idempotencyKeys,
      CardReplacements replacements,
      CardProgressQuery progressQuery,
      CardAccess access) {
    this.query = query;
    this.applications = applications;
    this.idempotencyKeys = idempotencyKeys;
    this.replacements = replacements;
    this.progressQuery = progressQuery;
    this.access = access;
    this.cards = cards;
  }

  @RolesAllowed({
    Roles.CITIZEN,
    Roles.EMPLOYER,
    Roles.UNIVERSITY,
    Roles.COMMUNITY,
    Roles.BANK,
    Roles.OPERATOR
  })
  @POST
  @APIResponse(
      responseCode = "201",
      description = "The application is accepted: the new card (Location: /cards/{cardId}).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CardRequests.Accepted.class)))
  @APIResponse(
      responseCode = "200",
      description = "The same application again (or the same Idempotency-Key): the card it made.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CardRequests.Accepted.class)))
  public Response submit(
      @BeanParam CallerHeaders headers,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      // Read as text for the idempotency hash; in the OpenAPI document, the application it is.
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = CardRequests.SubmitApplication.class)))
          String rawBody)
      throws Exception {
    CallerContext caller = headers.context();
    String requestHash = IdempotencyKeys.hash(caller.actorRole() + caller.actorId() + rawBody);
    if (idempotencyKey != null) {
      Optional<IdempotencyKeys.Answer> kept = idempotencyKeys.find(idempotencyKey);
      if (kept.isPresent()) {
        if (!kept.get().requestHash().equals(requestHash)) {
          throw RuleViolation.invalidInput(
              "INPUT-IDEMPOTENCY-KEY",
              "该请求编号已用于另一项申请。",
              "the Idempotency-Key was used before for a different request");
        }
        return Response.status(kept.get().status())
            .type(MediaType.APPLICATION_JSON)
            .entity(kept.get().body())
            .build();
      }
    }
    CardRequests.SubmitApplication body = parse(rawBody, CardRequests.SubmitApplication.class);
    caller = ApplicantAccess.applyingAs(caller, body, access);
    access.requireOwnMember(caller, body.applicant() == null ? null : body.applicant().idNumber());
    CardApplications.Submitted submitted =
        applications.submit(
            caller, body.applicant(), body.guardian(), body.bankCode(), body.collection());
    CardView card = submitted.isNew() ? submitted.card() : get(submitted.cardId());
    CardRequests.Accepted accepted =
        new CardRequests.Accepted(card.cardId(), card.status(), !submitted.isNew());
    int status = submitted.isNew() ? 201 : 200;
    if (idempotencyKey != null) {
      idempotencyKeys.keep(idempotencyKey, requestHash, status, JSON.writeValueAsString(accepted));
    }
    return Response.status(status)
        .location(URI.create("/cards/" + submitted.cardId()))
        .entity(accepted)
        .build();
  }

  /** An application is a few hundred bytes; anything far larger is refused unread. */
  static final int MAX_APPLICATION_BYTES = 16 * 1024;

  private static <T> T parse(String rawBody, Class<T> type) {
    if (rawBody == null || rawBody.isBlank()) {
      throw RuleViolation.invalidInput("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
    if (rawBody.length() > MAX_APPLICATION_BYTES) {
      throw RuleViolation.invalidInput(
          "INPUT-TOO-LARGE", "请求内容过长。", "an application body is at most 16 KiB");
    }
    T body;
    try {
      body = JSON.readValue(rawBody, type);
    } catch (java.io.IOException e) {
      throw RuleViolation.invalidInput(
          "INPUT-MALFORMED", "请求格式有误，请检查填写的内容。", "the body is not JSON of the expected shape");
    }
    if (body == null) {
      throw RuleViolation.invalidInput("INPUT-MISSING", "请求内容为空。", "the body is JSON null");
    }
    return body;
  }

  /**
   * The card factory reports production; the issuing bank too, for a card applied for at its own
   * instant-issuance outlet and made there on the spot (R-SLA-2). Another bank is refused exactly
   * like a caller asking about a card that is not there.
   */
  @RolesAllowed({Roles.CARD_PRODUCTION_SERVICE, Roles.BANK, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/production")
  public CardView produced(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.Produced body) {
    return command(cardId, headers, body, b -> new RecordCardProduced(cardId, b.cardNumber()));
  }

  @RolesAllowed({Roles.CARD_PRODUCTION_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/production-failure")
  public CardView productionFailed(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.ProductionFailed body) {
    return command(cardId, headers, body, b -> new RecordCardProductionFailed(cardId, b.reason()));
  }

  @RolesAllowed({Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/financial-function")
  public CardView activateFinancialFunction(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.FinancialActivation body) {
    return command(
        cardId,
        headers,
        body,
        b -> new ActivateFinancialFunction(cardId, b.bankCode(), b.outletName()));
  }

  @RolesAllowed({Roles.CARD_PRODUCTION_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/dispatch")
  public CardView dispatched(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.Dispatched body) {
    return command(
        cardId,
        headers,
        body,
        b -> new RecordCardDispatched(cardId, b.method(), b.trackingNumber(), b.outletName()));
  }

  @RolesAllowed({Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/collection")
  public CardView collected(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.Collected body) {
    return command(cardId, headers, body, b -> b.toCommand(cardId));
  }

  @RolesAllowed({Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/delivery")
  public CardView delivered(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.Delivered body) {
    return command(cardId, headers, body, b -> new RecordCardDelivered(cardId, b.method()));
  }

  @RolesAllowed({Roles.CITIZEN, Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/social-function")
  public CardView enableSocialFunction(
      @PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    return command(cardId, headers, new EnableSocialFunction(cardId));
  }

  /**
   * R-BANK-6: a retiree moves the received card to another bank. The holder asks for it (a citizen,
   * for their own card); or the holder asks in person at an outlet of the new bank, which then
   * calls with the number printed on the card, the holder's ID number and its own outlet. Anything
   * else a bank asks is refused exactly like a card that is not there (CardAggregate).
   */
  @RolesAllowed({Roles.CITIZEN, Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/bank-change")
  public CardView changeBank(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.BankChange body) {
    CallerContext caller = headers.context();
    CardEvents card = cards.read(cardId);
    if (caller.is("BANK")) {
      // The card is not the new bank's yet: it is named by what the holder presents in person.
      if (card.state().isEmpty()) {
        throw CallerContext.denied("not a card of this caller");
      }
    } else {
      access.require(caller, card);
    }
    requireBody(body);
    return cards.send(
        caller.metaData(),
        card,
        new ChangeIssuingBank(
            cardId, body.bankCode(), body.cardNumber(), body.idNumber(), body.outletName()));
  }

  /** 挂失: blocks the card at once. */
  @RolesAllowed({Roles.CITIZEN, Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/loss-report")
  public CardView reportLost(@PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    return command(cardId, headers, new ReportCardLost(cardId));
  }

  /** 解挂: while no replacement has been made. */
  @RolesAllowed({Roles.CITIZEN, Roles.BANK, Roles.BANK_GATEWAY_SERVICE, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/loss-report/cancellation")
  public CardView cancelLossReport(
      @PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    return command(cardId, headers, new CancelLossReport(cardId));
  }

  /** R-LOSS-1: replacement or exchange on the spot; answers 201 with the new card. */
  @RolesAllowed({Roles.BANK, Roles.OPERATOR})
  @POST
  @Path("/{cardId}/replacement")
  @APIResponse(
      responseCode = "201",
      description = "The replacement card (Location: /cards/{cardId} of the new card).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CardView.class)))
  public Response replace(
      @PathParam("cardId") String cardId,
      @BeanParam CallerHeaders headers,
      CardRequests.Replacement body) {
    CallerContext caller = headers.context();
    requireAccess(caller, cardId);
    requireBody(body);
    String newCardId =
        replacements.replace(
            caller.metaData(), cardId, body.reason(), body.cardNumber(), body.outletName());
    return Response.created(URI.create("/cards/" + newCardId)).entity(get(newCardId)).build();
  }

  /** 制卡进度: the card's steps and the date by which it is due (R-SLA-1 .. R-SLA-5). */
  @RolesAllowed({
    Roles.CITIZEN,
    Roles.EMPLOYER,
    Roles.UNIVERSITY,
    Roles.BANK,
    Roles.OPERATOR,
    Roles.AUDITOR,
    Roles.BANK_GATEWAY_SERVICE,
    Roles.CARD_PRODUCTION_SERVICE
  })
  @GET
  @Path("/{cardId}/progress")
  public CardProgress progress(
      @PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    access.requireReadable(headers.readingContext(), cardId);
    return progressQuery
        .find(cardId)
        .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card with this id"));
  }

  @RolesAllowed({
    Roles.CITIZEN,
    Roles.EMPLOYER,
    Roles.UNIVERSITY,
    Roles.BANK,
    Roles.OPERATOR,
    Roles.AUDITOR,
    Roles.BANK_GATEWAY_SERVICE,
    Roles.CARD_PRODUCTION_SERVICE
  })
  @GET
  @Path("/{cardId}")
  public CardView read(@PathParam("cardId") String cardId, @BeanParam CallerHeaders headers) {
    access.requireReadable(headers.readingContext(), cardId);
    return get(cardId);
  }

  private CardView get(String cardId) {
    return query
        .find(cardId)
        .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card with this id"));
  }

  /**
   * Runs the command made from the request's body, as the caller of {@code headers}, and answers
   * with the card as it now is; a missing body is refused (INPUT-MISSING). The card's events are
   * read once: for the access check, the command and the answer (ADR 32).
   */
  private <B> CardView command(
      String cardId, CallerHeaders headers, B body, Function<B, Object> toCommand) {
    CallerContext caller = headers.context();
    CardEvents card = cards.read(cardId);
    access.require(caller, card);
    requireBody(body);
    return cards.send(caller.metaData(), card, toCommand.apply(body));
  }

  /** Runs a command that takes no body and answers with the card as it now is. */
  private CardView command(String cardId, CallerHeaders headers, Object command) {
    return command(cardId, headers, command, c -> c);
  }

  /** Refuses a caller who may not see the card, the same way whether or not it exists. */
  private void requireAccess(CallerContext caller, String cardId) {
    access.require(caller, cardId);
  }

  static void requireBody(Object body) {
    if (body == null) {
      throw RuleViolation.invalidInput("INPUT-MISSING", "请求内容为空。", "the request has no body");
    }
  }
}
