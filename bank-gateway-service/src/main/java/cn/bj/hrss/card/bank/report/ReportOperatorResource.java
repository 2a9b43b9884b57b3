package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.refusal.Refusal;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Operators: every bank's reports in full, with application-service's detail of a refusal. */
@Path("/bank-reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportOperatorResource {

  /** A page of reports, in the order received. */
  public record ReportPage(long total, int limit, int offset, List<BankReport> reports) {}

  private final BankReports reports;

  ReportOperatorResource(BankReports reports) {
    this.reports = reports;
  }

  @GET
  public ReportPage listAllBankReports(
      @QueryParam("bankCode") String bankCode,
      @QueryParam("state") String state,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset)
      throws SQLException {
    BankReportResource.checkListing(state, limit, offset);
    return new ReportPage(
        reports.count(bankCode, state),
        limit,
        offset,
        reports.list(bankCode, state, limit, offset));
  }

  @GET
  @Path("/summary")
  public Map<String, Long> allBankReportsSummary(@QueryParam("bankCode") String bankCode)
      throws SQLException {
    return reports.countByState(bankCode);
  }

  @GET
  @Path("/{reportId}")
  public BankReport getAnyBankReport(@PathParam("reportId") String reportId) throws SQLException {
    return reports.find(reportId).orElseThrow(Refusal::notFound);
  }
}
