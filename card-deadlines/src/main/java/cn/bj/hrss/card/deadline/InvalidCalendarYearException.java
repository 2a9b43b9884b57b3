package cn.bj.hrss.card.deadline;

import java.util.List;

/**
 * A year's holiday arrangement that cannot be right: a day listed twice, a day of another year, a
 * working day by adjustment that is not a weekend day, a statutory holiday missing. Each problem is
 * a sentence an operator can read; nothing of the arrangement is taken.
 */
public final class InvalidCalendarYearException extends IllegalArgumentException {

  private final List<String> problems;

  InvalidCalendarYearException(int year, List<String> problems) {
    super(year + "年放假安排有误：" + String.join("；", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
