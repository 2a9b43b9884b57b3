package cn.bj.hrss.card.deadline;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The legal production deadline (制卡时限) of one application.
 *
 * @param rule the rule that sets the period: R-SLA-1, R-SLA-2, R-SLA-3 or R-SLA-4
 * @param applicationDate the day of application in Beijing (Asia/Shanghai); not counted (R-SLA-5)
 * @param dueDate the last day of the period; production is due by 24:00 that day (R-SLA-5)
 * @param calendar the years of the calendar the period was counted on, each with its version or
 *     "provisional" ({@link CalendarYear#label()}); empty when no calendar day was needed (R-SLA-2)
 */
public record ProductionDeadline(
    String rule, LocalDate applicationDate, LocalDate dueDate, List<String> calendar) {

  public ProductionDeadline {
    calendar = List.copyOf(calendar);
  }

  /**
   * Counted at least in part on a provisional year: the date may move when the notice is loaded.
   */
  public boolean provisional() {
    return calendar.stream().anyMatch(label -> label.endsWith(":provisional"));
  }

  /** The calendar versions as one text, e.g. {@code 2026:v1 2027:provisional}. */
  public String calendarVersion() {
    return String.join(" ", calendar);
  }

  /**
   * What a citizen, a bank and an operator are told of a provisional date, in Chinese, with the
   * rule; null when the date stands on official years alone.
   */
  public String note() {
    if (!provisional()) {
      return null;
    }
    String years =
        calendar.stream()
            .filter(label -> label.endsWith(":provisional"))
            .map(label -> label.substring(0, label.indexOf(':')) + "年")
            .collect(Collectors.joining("、"));
    return "预计日期（"
        + rule
        + "）："
        + years
        + "的国务院节假日安排尚未发布，此日期按《全国年节及纪念日放假办法》规定的法定节假日和周末推算，安排发布后可能调整。";
  }
}
