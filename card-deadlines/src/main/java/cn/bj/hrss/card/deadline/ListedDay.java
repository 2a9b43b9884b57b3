package cn.bj.hrss.card.deadline;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day a year's holiday arrangement lists.
 *
 * @param date the day
 * @param kind a holiday (OFF) or an adjusted working weekend day (WORK)
 * @param name the festival it belongs to, as the notice names it (元旦, 春节, …)
 */
public record ListedDay(LocalDate date, DayKind kind, String name) {

  public ListedDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
    name = name == null ? "" : name.strip();
  }
}
