package cn.bj.hrss.card.deadline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The holiday arrangement of one year: either the State Council's notice (部分节假日安排) as an operator
 * loaded it, in a numbered version, or, while that notice is not loaded, a provisional year
 * computed from the statutory holidays ({@link StatutoryHolidays}) and the weekends.
 *
 * <p>A day is a working day when it is Monday to Friday and not OFF, or when it is listed as WORK.
 */
public final class CalendarYear {

  private final int year;
  private final int version;
  private final String notice;
  private final boolean provisional;
  private final Map<LocalDate, ListedDay> listed;

  private CalendarYear(
      int year, int version, String notice, boolean provisional, Collection<ListedDay> days) {
    this.year = year;
    this.version = version;
    this.notice = notice;
    this.provisional = provisional;
    Map<LocalDate, ListedDay> byDate = new HashMap<>();
    days.forEach(day -> byDate.put(day.date(), day));
    this.listed = Map.copyOf(byDate);
  }

  /**
   * A year's official arrangement, validated: every listed day belongs to {@code year} and is
   * listed once; a working day by adjustment (WORK) is a Saturday or Sunday; from 2025 every
   * statutory holiday is OFF (a notice never makes one a working day); the notice is named.
   *
   * @throws InvalidCalendarYearException naming every problem found
   */
  public static CalendarYear official(
      int year, int version, String notice, Collection<ListedDay> days) {
    List<String> problems = new ArrayList<>();
    if (version < 1) {
      problems.add("版本号须从1开始，收到" + version);
    }
    if (notice == null || notice.isBlank()) {
      problems.add("须写明所依据的国务院办公厅通知（文号）");
    }
    Map<LocalDate, ListedDay> seen = new HashMap<>();
    for (ListedDay day : days) {
      if (day.date().getYear() != year) {
        problems.add(day.date() + "不属于" + year + "年");
      }
      if (seen.put(day.date(), day) != null) {
        problems.add(day.date() + "列出了不止一次（每天只能归为一类）");
      }
      if (day.kind() == DayKind.WORK && !StatutoryHolidays.isWeekend(day.date())) {
        problems.add(day.date() + "是工作日，不能列为调休上班日（调休上班日只能是周六或周日）");
      }
    }
    if (problems.isEmpty()) {
      for (ListedDay statutory : StatutoryHolidays.of(year)) {
        ListedDay given = seen.get(statutory.date());
        boolean madeUpDay = statutory.name().endsWith("（补假）");
        if (!madeUpDay && (given == null || given.kind() != DayKind.OFF)) {
          problems.add(
              statutory.date() + "是法定节假日（" + statutory.name() + "，《全国年节及纪念日放假办法》第二条），须列为放假");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidCalendarYearException(year, problems);
    }
    return new CalendarYear(year, version, notice.strip(), false, days);
  }

  /** A year whose notice is not loaded: the statutory holidays and the weekends, nothing else. */
  public static CalendarYear provisional(int year) {
    return new CalendarYear(year, 0, null, true, StatutoryHolidays.of(year));
  }

  public int year() {
    return year;
  }

  /** The version of an official year (1, 2, …); 0 for a provisional one. */
  public int version() {
    return version;
  }

  /** The notice an official year follows; null for a provisional one. */
  public String notice() {
    return notice;
  }

  public boolean provisional() {
    return provisional;
  }

  /** How a due date names this year's calendar: {@code 2027:v2}, or {@code 2027:provisional}. */
  public String label() {
    return year + ":" + (provisional ? "provisional" : "v" + version);
  }

  /** The listed days in date order. */
  public List<ListedDay> listedDays() {
    List<ListedDay> days = new ArrayList<>(listed.values());
    days.sort(Comparator.comparing(ListedDay::date));
    return days;
  }

  /** Whether both list the same days the same way (the notice and version aside). */
  public boolean sameDaysAs(CalendarYear other) {
    return year == other.year && listed.equals(other.listed);
  }

  boolean isWorkingDay(LocalDate day) {
    requireInYear(day);
    ListedDay entry = listed.get(day);
    if (entry != null) {
      return entry.kind() == DayKind.WORK;
    }
    return !StatutoryHolidays.isWeekend(day);
  }

  boolean isPublicHoliday(LocalDate day) {
    requireInYear(day);
    ListedDay entry = listed.get(day);
    return entry != null && entry.kind() == DayKind.OFF;
  }

  private void requireInYear(LocalDate day) {
    if (day.getYear() != year) {
      throw new IllegalArgumentException(day + " is not in " + year);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarYear other
        && year == other.year
        && version == other.version
        && provisional == other.provisional
        && Objects.equals(notice, other.notice)
        && listed.equals(other.listed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(year, version, provisional, notice, listed);
  }

  @Override
  public String toString() {
    return label();
  }
}
