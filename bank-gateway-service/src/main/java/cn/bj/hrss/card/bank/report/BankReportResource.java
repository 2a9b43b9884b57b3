package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.bank.card.BankCard;
import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.bank.report.ReportRules.BankChange;
import cn.bj.hrss.card.bank.report.ReportRules.CardReport;
import cn.bj.hrss.card.refusal.Refusal;
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

/**
 * What a bank reports back: each report is stored at once (202) and delivered to
 * application-service as a command; the bank reads what became of it, with the rule of a refusal. A
 * report on a card that is not the bank's answers 404, as for a card that does not exist. Only the
 * bank itself gets here ({@code AuthenticationFilter}).
 */
@Path("/banks/{bankCode}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BankReportResource {

  /** A page of the bank's reports, in the order received. */
  public record ReportPage(long total, int limit, int offset, List<BankReport.View> reports) {}

  private final BankReports reports;
  private final BankCardProjection cards;

  BankReportResource(BankReports reports, BankCardProjection cards) {
    this.reports = reports;
    this.cards = cards;
  }

  /** The card was handed over at an outlet (R-PICK-2): {@code {outletName, channel?}}. */
  @POST
  @Path("/cards/{cardId}/handover")
  public Response handedOver(
      @PathParam("bankCode") String bank, @PathParam("cardId") String cardId, CardReport body)
      throws SQLException {
    return onCard(bank, cardId, ReportKind.HANDED_OVER, body);
  }

  /** The bank delivered the card by mail or door to door: {@code {method}}. */
  @POST
  @Path("/cards/{cardId}/delivery")
  public Response delivered(
      @PathParam("bankCode") String bank, @PathParam("cardId") String cardId, CardReport body)
      throws SQLException {
    return onCard(bank, cardId, ReportKind.DELIVERED, body);
  }

  /** The financial function was activated in person (R-PICK-3, R-PICK-4). */
  @POST
  @Path("/cards/{cardId}/financial-activation")
  public Response financialActivated(
      @PathParam("bankCode") String bank, @PathParam("cardId") String cardId, CardReport body)
      throws SQLException {
    return onCard(bank, cardId, ReportKind.FINANCIAL_ACTIVATED, body);
  }

  /** The social-security function was enabled at the counter (启用; R-OLD-2 follows). */
  @POST
  @Path("/cards/{cardId}/social-function")
  public Response socialEnabled(
      @PathParam("bankCode") String bank, @PathParam("cardId") String cardId, CardReport body)
      throws SQLException {
    return onCard(bank, cardId, ReportKind.SOCIAL_ENABLED, body);
  }

  /**
   * A retiree moves the card to this bank (R-BANK-6), at its outlet: the card is named by the
   * number printed on it and its holder's ID number, both presented in person. If they do not match
   * a card, the answer is the same 404 as for any card that is not there.
   */
  @POST
  @Path("/bank-changes")
  public Response bankChanged(@PathParam("bankCode") String bank, BankChange body)
      throws SQLException {
    ReportLine line = ReportRules.checkBankChange(body);
    BankCard card =
        cards
            .findByCardNumber(line.cardNumber(), ReportRules.idNumber(body.idNumber()))
            .orElseThrow(Refusal::notFound);
    if (card.bankCode().equals(bank)) {
      throw Refusal.conflict("R-BANK-6", "所选银行即当前发卡银行。", "the card is already with this bank");
    }
    return stored(
        bank,
        new ReportLine(
            line.reference(),
            card.cardId(),
            line.kind(),
            line.channel(),
            line.outletName(),
            null,
            line.cardNumber()));
  }

  @GET
  @Path("/reports/{reportId}")
  public BankReport.View getBankReport(
      @PathParam("bankCode") String bank, @PathParam("reportId") String reportId)
      throws SQLException {
    return reports
        .find(reportId)
        .filter(r -> r.bankCode().equals(bank))
        .map(BankReport::view)
        .orElseThrow(Refusal::notFound);
  }

  /** The bank's reports in the order received; {@code state=REFUSED} lists its refusals. */
  @GET
  @Path("/reports")
  public ReportPage listBankReports(
      @PathParam("bankCode") String bank,
      @QueryParam("state") String state,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset)
      throws SQLException {
    checkListing(state, limit, offset);
    return new ReportPage(
        reports.count(bank, state),
        limit,
        offset,
        reports.list(bank, state, limit, offset).stream().map(BankReport::view).toList());
  }

  /** How many of the bank's reports are pending, applied, duplicates, refused. */
  @GET
  @Path("/reports/summary")
  public Map<String, Long> bankReportSummary(@PathParam("bankCode") String bank)
      throws SQLException {
    return reports.countByState(bank);
  }

  static void checkListing(String state, int limit, int offset) {
    if (state != null && !BankReports.STATES.contains(state)) {
      throw Refusal.badRequest(
          "INPUT-STATE", "报告状态有误。", "state must be one of " + BankReports.STATES);
    }
    if (limit < 1 || limit > 500 || offset < 0) {
      throw Refusal.badRequest(
          "INPUT-PAGING", "分页参数有误。", "limit must be 1..500 and offset 0 or more");
    }
  }

  private Response onCard(String bank, String cardId, ReportKind kind, CardReport body)
      throws SQLException {
    ReportLine line = ReportRules.check(cardId, kind, body);
    if (cards.find(bank, cardId).isEmpty()) {
      throw Refusal.notFound();
    }
    return stored(bank, line);
  }

  private Response stored(String bank, ReportLine line) throws SQLException {
    BankReports.Received received = reports.receive(bank, line);
    return Response.status(received.isNew() ? 202 : 200).entity(received.report().view()).build();
  }
}
