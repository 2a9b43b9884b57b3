package cn.bj.hrss.card.deadline;

import java.time.LocalDate;

/**
 * A deadline needs a day of a year whose official calendar is not in the data: it is refused, never
 * guessed. The fix is to add the State Council notice of that year to the calendar file.
 */
public final class DateOutsideCalendarException extends IllegalArgumentException {

  DateOutsideCalendarException(LocalDate day, int firstYear, int lastYear) {
    super(
        "R-SLA-3: "
            + day
            + " is outside the official calendar, which covers "
            + firstYear
            + "-"
            + lastYear
            + "; add that year's State Council holiday notice to "
            + OfficialCalendar.RESOURCE
            + " (no working day is guessed)");
  }
}
