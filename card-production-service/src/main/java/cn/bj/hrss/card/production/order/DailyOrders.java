package cn.bj.hrss.card.production.order;

import java.time.LocalDate;
import java.util.List;

/**
 * What was open, due and late on each day of a range (Beijing days), derived from the production
 * orders' own dates: the application date, the due date, and the first of produced, dispatched,
 * handed over or closed. One {@link Day} per day of the range, also for days with no order.
 *
 * @param asOf today in Beijing on the service's clock (the last day a range may reach)
 * @param groupBy null, {@code bank} or {@code outlet}; {@code groups} is empty without it
 * @param totals the whole filter, one entry per day from {@code from} to {@code to}
 * @param groups the same per bank, or per bank and collection outlet, each with every day
 */
public record DailyOrders(
    LocalDate from,
    LocalDate to,
    LocalDate asOf,
    String bankCode,
    String outletName,
    String groupBy,
    List<Day> totals,
    List<Group> groups) {

  /**
   * One Beijing day, counted at its end (24:00).
   *
   * @param open orders applied for on or before the day and neither produced (nor dispatched or
   *     handed over) nor closed by its end
   * @param due open orders whose last day is this day (R-SLA-5: overdue from the next day)
   * @param overdue open orders whose last day was before this day
   */
  public record Day(LocalDate date, long open, long due, long overdue) {}

  /**
   * @param outletName the collection outlet when grouped per outlet (null: mail or door-to-door,
   *     and when grouped per bank)
   */
  public record Group(String bankCode, String outletName, List<Day> days) {}
}
