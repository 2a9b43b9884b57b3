package cn.bj.hrss.card.production.order;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What is due and what is late, for a bank (or all banks) and per outlet.
 *
 * @param asOf the day "due today" and "overdue" refer to (Beijing)
 * @param totals counts for the whole filter
 * @param outlets the same counts per collection outlet (outletName null: mail or door-to-door)
 */
public record OrderSummary(
    LocalDate asOf, String bankCode, Counts totals, List<OutletCounts> outlets) {

  /**
   * @param byStatus number of orders in each status
   * @param dueToday open orders whose last day is today
   * @param overdue open orders past their last day
   * @param deadlineUnknown orders for which no deadline could be set
   */
  public record Counts(
      Map<String, Long> byStatus, long dueToday, long overdue, long deadlineUnknown) {}

  public record OutletCounts(String outletName, Counts counts) {}
}
