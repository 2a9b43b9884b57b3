package cn.bj.hrss.card.production.order;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of a listing, in a stable order.
 *
 * @param asOf the day "due today" and "overdue" refer to (Beijing)
 * @param total how many orders the whole listing has
 */
public record OrderPage(
    LocalDate asOf, long total, int limit, int offset, List<ProductionOrder> orders) {}
