package cn.bj.hrss.card.production.order;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.order.ProductionOrderQueries.Listing;
import cn.bj.hrss.card.production.rest.TokenCaller;
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
import java.util.List;
import java.util.Set;

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

  private final ProductionOrderQueries orders;

  ProductionOrderResource(ProductionOrderQueries orders) {
    this.orders = orders;
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
