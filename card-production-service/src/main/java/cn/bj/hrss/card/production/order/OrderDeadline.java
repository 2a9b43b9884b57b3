package cn.bj.hrss.card.production.order;

import cn.bj.hrss.card.deadline.NoProductionPeriodException;
import cn.bj.hrss.card.deadline.ProductionDeadline;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The deadline columns of one order, as the calendar in force gives them (R-SLA-1..5, issue 17): a
 * due date always, unless the channel has no production period; provisional, with its Chinese note,
 * where it was counted on a year whose notice is not loaded.
 */
public record OrderDeadline(
    LocalDate dueDate,
    String rule,
    String problem,
    boolean provisional,
    String calendarVersion,
    String note) {

  public static OrderDeadline of(ProductionDeadlines deadlines, String channel, LocalDate applied) {
    try {
      ProductionDeadline deadline = deadlines.forApplication(channel, applied);
      return new OrderDeadline(
          deadline.dueDate(),
          deadline.rule(),
          null,
          deadline.provisional(),
          deadline.calendar().isEmpty() ? null : deadline.calendarVersion(),
          deadline.note());
    } catch (NoProductionPeriodException e) {
      return new OrderDeadline(null, null, e.getMessage(), false, null, null);
    }
  }

  /** Whether the date or the calendar it stands on differs. */
  public boolean differsFrom(LocalDate otherDue, String otherVersion) {
    return !Objects.equals(dueDate, otherDue) || !Objects.equals(calendarVersion, otherVersion);
  }
}
