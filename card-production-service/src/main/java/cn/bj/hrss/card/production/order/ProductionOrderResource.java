package cn.bj.hrss.card.production.order;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.order.ProductionOrderQueries.Listing;
import cn.bj.hrss.card.production.rest.TokenCaller;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * What is due and what is late: the production orders for operators and factories, per bank and per
 * collection outlet, with paging in a stable order. Without {@code bankCode} a listing covers every
 * bank (operators). A factory sees only the orders assigned to it (S-FACTORY-1): another factory's
 * order is answered exactly like an order that is not there, and no listing or count holds one.
 */
@RolesAllowed({Roles.CARD_FACTORY, Roles.OPERATOR, Roles.AUDITOR})
@Path("/production-orders")
@Produces(MediaType.APPLICATION_JSON)
public class ProductionOrderResource {

  static final int MAX_LIMIT = 500;
  static final Set<String> STATUSES =
      Set.of(
          "ORDERED",
          "PRODUCTION_FAILED",
          "PRODUCED",
          "DISPATCHED",
          "HANDED_OVER",
          ProductionOrder.WITHDRAWN,
          ProductionOrder.CANCELLED);

  /** The longest daily series one request may ask for (days, both ends included). */
  static final int MAX_DAYS = 92;

  /** The first year a series may start in. */
  static final int FIRST_YEAR = 2000;

  /** The days of a series when {@code from} is not given, ending with {@code to}. */
  static final int DEFAULT_DAYS = 30;

  private final ProductionOrderQueries orders;
  private final DailyOrderQueries daily;

  ProductionOrderResource(ProductionOrderQueries orders, DailyOrderQueries daily) {
    this.orders = orders;
    this.daily = daily;
  }

  @GET
  @Path("/{cardId}")
  public ProductionOrder getProductionOrder(
      @PathParam("cardId") String cardId, @Context SecurityContext security) throws SQLException {
    return orders
        .find(cardId, TokenCaller.factory(security))
        .orElseThrow(() -> Refusal.notFound("no production order"));
  }

  /**
   * The order's deadline history (issue 17): each time its due date or the calendar it stands on
   * changed, with the old and new date, the calendar versions and why.
   */
  @GET
  @Path("/{cardId}/deadline-history")
  public List<ProductionOrderQueries.DeadlineChange> deadlineHistory(
      @PathParam("cardId") String cardId, @Context SecurityContext security) throws SQLException {
    if (orders.find(cardId, TokenCaller.factory(security)).isEmpty()) {
      throw Refusal.notFound("no production order");
    }
    return orders.deadlineHistory(cardId);
  }

  /** Every order of a bank (or outlet), optionally in one status, oldest application first. */
  @GET
  public OrderPage listProductionOrders(
      @QueryParam("bankCode") String bankCode,
      @QueryParam("outletName") String outletName,
      @QueryParam("status") String status,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @Context SecurityContext security)
      throws SQLException {
    if (status != null && !STATUSES.contains(status)) {
      throw Refusal.badRequest("INPUT-STATUS", "订单状态有误。", "status must be one of " + STATUSES);
    }
    return page(filter(bankCode, outletName, security), Listing.ALL, status, limit, offset);
  }

  /** Open orders whose last day is today (Beijing). */
  @GET
  @Path("/due-today")
  public OrderPage dueToday(
      @QueryParam("bankCode") String bankCode,
      @QueryParam("outletName") String outletName,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @Context SecurityContext security)
      throws SQLException {
    return page(filter(bankCode, outletName, security), Listing.DUE_TODAY, null, limit, offset);
  }

  /** Open orders past their last day (R-SLA-5: a period ends at 24:00), longest overdue first. */
  @GET
  @Path("/overdue")
  public OrderPage overdue(
      @QueryParam("bankCode") String bankCode,
      @QueryParam("outletName") String outletName,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @Context SecurityContext security)
      throws SQLException {
    return page(filter(bankCode, outletName, security), Listing.OVERDUE, null, limit, offset);
  }

  /** Orders for which no deadline could be set (see their deadlineProblem). */
  @GET
  @Path("/deadline-unknown")
  public OrderPage deadlineUnknown(
      @QueryParam("bankCode") String bankCode,
      @QueryParam("outletName") String outletName,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @Context SecurityContext security)
      throws SQLException {
    return page(
        filter(bankCode, outletName, security), Listing.DEADLINE_UNKNOWN, null, limit, offset);
  }

  /** Counts by status, due today, overdue, without deadline: in total and per outlet. */
  @GET
  @Path("/summary")
  public OrderSummary productionOrderSummary(
      @QueryParam("bankCode") String bankCode,
      @QueryParam("outletName") String outletName,
      @Context SecurityContext security)
      throws SQLException {
    return orders.summary(filter(bankCode, outletName, security));
  }

  /**
   * Open, due and overdue orders at the end of each Beijing day from {@code from} to {@code to}
   * (default: the 30 days ending today), optionally per bank or per bank and outlet; a factory's
   * counts are of its own orders only (S-FACTORY-1).
   */
  @GET
  @Path("/daily")
  @Operation(
      summary = "Open, due and overdue orders per day",
      description =
          "For each Beijing day of the range, counted at its end: orders applied for by then and not"
              + " yet produced nor closed (open), those of them whose last day it is (due) and"
              + " those past their last day (overdue); per bank (groupBy=bank) or per bank and"
              + " outlet (groupBy=outlet). 400 INPUT-DATE for a date not in the form YYYY-MM-DD"
              + " or before 2000,"
              + " INPUT-DATE-RANGE for a start after the end, an end after today or more than 92"
              + " days, INPUT-GROUP-BY for another grouping.")
  public DailyOrders dailyProductionOrders(
      @Parameter(
              description = "First day, YYYY-MM-DD (default: 29 days before to)",
              example = "2025-03-05")
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Last day, YYYY-MM-DD, not after today (default: today)",
              example = "2025-04-03")
          @QueryParam("to")
          String to,
      @QueryParam("bankCode") String bankCode,
      @QueryParam("outletName") String outletName,
      @Parameter(
              description = "Also per bank, or per bank and outlet",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"bank", "outlet"}))
          @QueryParam("groupBy")
          String groupBy,
      @Context SecurityContext security)
      throws SQLException {
    LocalDate today = daily.today();
    LocalDate last = to == null || to.isBlank() ? today : date(to, "to");
    LocalDate first =
        from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date(from, "from");
    if (first.isAfter(last)) {
      throw refusal("INPUT-DATE-RANGE", "开始日期不能晚于结束日期。", "from must not be after to", "from");
    }
    if (last.isAfter(today)) {
      throw refusal(
          "INPUT-DATE-RANGE", "结束日期不能晚于今天。", "to must not be after today (" + today + ")", "to");
    }
    if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
      throw refusal(
          "INPUT-DATE-RANGE",
          "一次最多查询" + MAX_DAYS + "天。",
          "at most " + MAX_DAYS + " days from from to to",
          "from");
    }
    if (groupBy != null
        && !groupBy.isBlank()
        && !DailyOrderQueries.BY_BANK.equals(groupBy)
        && !DailyOrderQueries.BY_OUTLET.equals(groupBy)) {
      throw refusal(
          "INPUT-GROUP-BY", "分组方式有误，只能按银行或网点分组。", "groupBy must be bank or outlet", "groupBy");
    }
    String grouping = groupBy == null || groupBy.isBlank() ? null : groupBy;
    return daily.daily(filter(bankCode, outletName, security), first, last, grouping);
  }

  /** A day from 2000 on, written YYYY-MM-DD (no series reaches further back). */
  private static LocalDate date(String value, String name) {
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      date = null;
    }
    if (date == null || date.getYear() < FIRST_YEAR) {
      throw refusal(
          "INPUT-DATE",
          "日期有误，应为" + FIRST_YEAR + "年以后的“年-月-日”，例如 2025-04-03。",
          name + " must be YYYY-MM-DD from " + FIRST_YEAR,
          name);
    }
    return date;
  }

  private static Refusal refusal(String rule, String message, String detail, String field) {
    return new Refusal(400, ApiError.of(400, rule, message, detail, field));
  }

  /** The caller's filter: a factory's is narrowed to its own orders. */
  private static OrderFilter filter(String bankCode, String outletName, SecurityContext security) {
    return new OrderFilter(bankCode, outletName, TokenCaller.factory(security));
  }

  private OrderPage page(OrderFilter filter, Listing listing, String status, int limit, int offset)
      throws SQLException {
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw Refusal.badRequest(
          "INPUT-PAGING", "分页参数有误。", "limit must be 1.." + MAX_LIMIT + " and offset 0 or more");
    }
    return orders.page(filter, listing, status, limit, offset);
  }
}
