package cn.bj.hrss.card.application.audit;

import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.card.query.CardView;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Audit commands for operators and auditors. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  private final ChainVerifier verifier;
  private final CardQuery cards;
  private final StoreRepublisher republisher;
  private final Reconciliation reconciliation;

  AuditResource(
      ChainVerifier verifier,
      CardQuery cards,
      StoreRepublisher republisher,
      Reconciliation reconciliation) {
    this.verifier = verifier;
    this.cards = cards;
    this.republisher = republisher;
    this.reconciliation = reconciliation;
  }

  /**
   * A card's history: every event in order with who, through which channel, when and the
   * correlation id, and the card's state as of {@code asOf} (ISO-8601 instant; default now).
   * Personal data is masked. JSON, or CSV of the events with {@code Accept: text/csv}.
   */
  @GET
  @Path("/cards/{cardId}")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response history(
      @BeanParam CallerHeaders headers,
      @PathParam("cardId") String cardId,
      @QueryParam("asOf") String asOf,
      @HeaderParam("Accept") String accept) {
    headers.readingContext().requireRole("OPERATOR", "AUDITOR");
    Instant moment;
    try {
      moment = asOf == null ? null : Instant.parse(asOf);
    } catch (DateTimeParseException e) {
      throw RuleViolation.invalidInput(
              "INPUT-MALFORMED", "时间格式有误。", "asOf must be an ISO-8601 instant")
          .at("asOf");
    }
    CardView card =
        cards
            .findAsOf(cardId, moment)
            .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card at that moment"));
    if (accept != null && accept.contains("text/csv")) {
      StringBuilder csv = new StringBuilder();
      try (CSVPrinter out = new CSVPrinter(csv, CSVFormat.RFC4180)) {
        out.printRecord(
            "sequence",
            "eventType",
            "occurredAt",
            "actorRole",
            "actorId",
            "channel",
            "correlationId");
        for (CardView.HistoryEntry e : card.history()) {
          out.printRecord(
              e.sequence(),
              CsvCells.safe(e.eventType()),
              e.occurredAt(),
              CsvCells.safe(e.actorRole()),
              CsvCells.safe(e.actorId()),
              CsvCells.safe(e.channel()),
              CsvCells.safe(e.correlationId()));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return Response.ok(csv.toString(), "text/csv").build();
    }
    return Response.ok(card, MediaType.APPLICATION_JSON).build();
  }

  /**
   * Publishes the whole event store to Kafka again from the first event (a lost topic, a new
   * consumer): the publishing processor's token goes back to the start. The consumers' per-card
   * positions make this safe; they apply nothing twice.
   */
  @POST
  @Path("/republish")
  public Response republish(@BeanParam CallerHeaders headers) {
    headers.context().requireRole("OPERATOR");
    republisher.republishAll();
    return Response.accepted().build();
  }

  /**
   * Checks the tamper-evidence chain of one card ({@code ?cardId=}) or of the whole store, and
   * names the first event that does not match.
   */
  @GET
  @Path("/verify")
  public ChainVerifier.Report verify(
      @BeanParam CallerHeaders headers, @QueryParam("cardId") String cardId) throws SQLException {
    headers.readingContext().requireRole("OPERATOR", "AUDITOR");
    return verifier.verify(cardId);
  }

  /**
   * Compares every consumer service's projection with the event store: per service, the cards in
   * step, behind (events on their way: see the lag), missing, ahead or unknown to the store, with
   * the list of cards that differ; the store's cards per latest event beside each service's counts
   * per status.
   */
  @GET
  @Path("/reconciliation")
  public Reconciliation.Report reconcile(@BeanParam CallerHeaders headers) throws SQLException {
    headers.readingContext().requireRole("OPERATOR", "AUDITOR");
    return reconciliation.run();
  }
}
