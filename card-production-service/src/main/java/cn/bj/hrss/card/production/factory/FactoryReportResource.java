package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The card factory's side: it reports what it did, one card at a time or as a batch file, on the
 * orders assigned to it alone (S-FACTORY-1), and the operator sees what became of each report. A
 * report is stored at once (202) and delivered to application-service as a command; this service
 * never changes a card itself.
 */
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FactoryReportResource {

  /** The body of a produced report. */
  public record Produced(String cardNumber, String reference) {}

  /** The body of a production failure report. */
  public record ProductionFailed(String reason, String reference) {}

  /** The body of a dispatch report. */
  public record Dispatched(
      String method, String trackingNumber, String outletName, String reference) {}

  /** A batch: the lines of a factory file. */
  public record Batch(List<ReportLine> reports) {}

  /** A page of reports, in the order received. */
  public record ReportPage(long total, int limit, int offset, List<FactoryReport> reports) {}

  static final Set<String> STATES = Set.of("PENDING", "APPLIED", "DUPLICATE", "REFUSED");

  private final FactoryReports reports;
  private final int maxBatchLines;

  FactoryReportResource(
      FactoryReports reports,
      @ConfigProperty(name = "factory-reports.max-batch-lines") int maxBatchLines) {
    this.reports = reports;
    this.maxBatchLines = maxBatchLines;
  }

  @RolesAllowed({Roles.CARD_FACTORY})
  @POST
  @Path("factories/{factoryId}/cards/{cardId}/produced")
  public Response produced(
      @PathParam("factoryId") String factoryId, @PathParam("cardId") String cardId, Produced body) {
    requireBody(body);
    return single(
        factoryId,
        new ReportLine(
            body.reference(), cardId, "PRODUCED", body.cardNumber(), null, null, null, null));
  }

  @RolesAllowed({Roles.CARD_FACTORY})
  @POST
  @Path("factories/{factoryId}/cards/{cardId}/production-failures")
  public Response productionFailed(
      @PathParam("factoryId") String factoryId,
      @PathParam("cardId") String cardId,
      ProductionFailed body) {
    requireBody(body);
    return single(
        factoryId,
        new ReportLine(
            body.reference(), cardId, "PRODUCTION_FAILED", null, body.reason(), null, null, null));
  }

  @RolesAllowed({Roles.CARD_FACTORY})
  @POST
  @Path("factories/{factoryId}/cards/{cardId}/dispatches")
  public Response dispatched(
      @PathParam("factoryId") String factoryId,
      @PathParam("cardId") String cardId,
      Dispatched body) {
    requireBody(body);
    return single(
        factoryId,
        new ReportLine(
            body.reference(),
            cardId,
            "DISPATCHED",
            null,
            null,
            body.method(),
            body.trackingNumber(),
            body.outletName()));
  }

  /**
   * A factory file: every valid line is stored (202) and delivered in the order of the file; each
   * invalid line is rejected on its own, with its rule, in the receipt.
   */
  @RolesAllowed({Roles.CARD_FACTORY})
  @POST
  @Path("factories/{factoryId}/reports")
  public Response batch(@PathParam("factoryId") String factoryId, Batch batch) throws SQLException {
    if (batch == null || batch.reports() == null || batch.reports().isEmpty()) {
      throw Refusal.badRequest("INPUT-MISSING", "报告内容为空。", "a batch needs at least one report");
    }
    if (batch.reports().size() > maxBatchLines) {
      throw Refusal.badRequest(
          "INPUT-BATCH-SIZE",
          "单个文件的报告过多，请分批提交。",
          "at most " + maxBatchLines + " reports per batch; split the file");
    }
    Receipt receipt = reports.receive(factoryId, batch.reports());
    return Response.status(Response.Status.ACCEPTED).entity(receipt).build();
  }

  @GET
  @Path("factory-reports/{reportId}")
  public FactoryReport getFactoryReport(@PathParam("reportId") String reportId)
      throws SQLException {
    return reports.find(reportId).orElseThrow(() -> Refusal.notFound("no such report"));
  }

  /** Reports in the order received; {@code state=REFUSED} is the operator's list to act on. */
  @GET
  @Path("factory-reports")
  public ReportPage listFactoryReports(
      @QueryParam("state") String state,
      @QueryParam("factoryId") String factoryId,
      @QueryParam("cardId") String cardId,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset)
      throws SQLException {
    if (state != null && !STATES.contains(state)) {
      throw Refusal.badRequest("INPUT-STATE", "报告状态有误。", "state must be one of " + STATES);
    }
    if (limit < 1 || limit > 500 || offset < 0) {
      throw Refusal.badRequest(
          "INPUT-PAGING", "分页参数有误。", "limit must be 1..500 and offset 0 or more");
    }
    return new ReportPage(
        reports.count(state, factoryId, cardId),
        limit,
        offset,
        reports.list(state, factoryId, cardId, limit, offset));
  }

  /** How many reports are pending, applied, duplicates, refused. */
  @GET
  @Path("factory-reports/summary")
  public Map<String, Long> factoryReportSummary() throws SQLException {
    return reports.countByState();
  }

  private Response single(String factoryId, ReportLine line) {
    Receipt receipt;
    try {
      receipt = reports.receive(factoryId, List.of(line));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Receipt.Line result = receipt.lines().get(0);
    if ("REJECTED".equals(result.outcome())) {
      ApiError error = result.error();
      if (FactoryReports.NO_ORDER.equals(error)) {
        // S-FACTORY-1: another factory's card, answered as a card that is not there.
        throw new Refusal(404, error);
      }
      // A closed order (S-WITHDRAW-1, S-END-1) and a reused reference are conflicts.
      int status =
          "REPORT-REFERENCE".equals(error.rule()) || FactoryReports.closed(error) ? 409 : 400;
      return Refusal.response(status, error);
    }
    FactoryReport report = find(result.reportId());
    int status = "RECEIVED".equals(result.outcome()) ? 202 : 200;
    return Response.status(status).entity(report).build();
  }

  private FactoryReport find(String reportId) {
    try {
      return reports.find(reportId).orElseThrow();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireBody(Object body) {
    if (body == null) {
      throw Refusal.badRequest("INPUT-MISSING", "报告内容为空。", "the request has no body");
    }
  }
}
