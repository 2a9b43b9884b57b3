package cn.bj.hrss.card.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calendar as data: the shipped years, loaded versions, provisional years (R-SLA-3/5). */
class OfficialCalendarTest {

  private final OfficialCalendar calendar = OfficialCalendar.shipped();

  @Test
  void the_shipped_years_are_2024_to_2026_in_version_1_with_their_notice() {
    List<CalendarYear> years = calendar.officialYears();
    assertEquals(3, years.size());
    assertEquals(List.of(2024, 2025, 2026), years.stream().map(CalendarYear::year).toList());
    years.forEach(year -> assertEquals(1, year.version()));
    assertEquals("国务院办公厅关于2026年部分节假日安排的通知", years.get(2).notice());
  }

  @Test
  void an_ordinary_weekday_is_a_working_day_and_an_ordinary_weekend_is_not() {
    assertTrue(calendar.isWorkingDay(LocalDate.parse("2025-03-05")));
    assertFalse(calendar.isWorkingDay(LocalDate.parse("2025-03-08")));
    assertFalse(calendar.isWorkingDay(LocalDate.parse("2025-03-09")));
  }

  @Test
  void a_public_holiday_on_a_weekday_is_not_a_working_day() {
    LocalDate nationalDay = LocalDate.parse("2025-10-08");
    assertFalse(calendar.isWorkingDay(nationalDay));
    assertTrue(calendar.isPublicHoliday(nationalDay));
  }

  @Test
  void an_adjusted_working_weekend_day_is_a_working_day() {
    assertTrue(calendar.isWorkingDay(LocalDate.parse("2025-02-08"))); // Saturday, 春节 调休
    assertTrue(calendar.isWorkingDay(LocalDate.parse("2026-01-04"))); // Sunday, 元旦 调休
  }

  @Test
  void a_year_without_a_loaded_notice_is_provisional_never_unknown() {
    CalendarYear year2027 = calendar.year(2027);
    assertTrue(year2027.provisional());
    assertEquals("2027:provisional", year2027.label());
    assertFalse(calendar.isWorkingDay(LocalDate.parse("2027-01-01"))); // 元旦, a Friday
    assertTrue(calendar.isWorkingDay(LocalDate.parse("2027-01-04")));
    assertFalse(calendar.isWorkingDay(LocalDate.parse("2027-02-09"))); // 春节 补假 (初一 on Saturday)
  }

  @Test
  void a_loaded_version_replaces_the_provisional_year_and_a_newer_version_the_older() {
    CalendarYear v1 = CalendarYear.official(2027, 1, "通知一", madeUp2027(false));
    CalendarYear v2 = CalendarYear.official(2027, 2, "通知二", madeUp2027(true));
    OfficialCalendar loaded = calendar.with(v1);
    assertEquals("2027:v1", loaded.year(2027).label());
    assertTrue(loaded.isWorkingDay(LocalDate.parse("2027-01-04")));
    OfficialCalendar newer = loaded.with(v2);
    assertFalse(newer.isWorkingDay(LocalDate.parse("2027-01-04")));
    assertEquals("2027:v2", newer.with(v1).year(2027).label(), "an older version never wins");
    assertTrue(calendar.year(2027).provisional(), "a calendar is immutable");
  }

  @Test
  void
      an_arrangement_naming_a_day_twice_or_a_weekday_as_make_up_day_is_refused_with_every_problem() {
    List<ListedDay> days = madeUp2027(false);
    days.add(new ListedDay(LocalDate.parse("2027-01-01"), DayKind.WORK, "元旦"));
    days.add(new ListedDay(LocalDate.parse("2027-03-03"), DayKind.WORK, "错误"));
    days.add(new ListedDay(LocalDate.parse("2028-01-01"), DayKind.OFF, "元旦"));
    InvalidCalendarYearException refused =
        assertThrows(
            InvalidCalendarYearException.class, () -> CalendarYear.official(2027, 1, "通知", days));
    assertEquals(4, refused.problems().size(), refused.problems().toString());
    assertTrue(refused.getMessage().contains("2027-01-01列出了不止一次"), refused.getMessage());
    assertTrue(refused.getMessage().contains("2027-03-03是工作日"), refused.getMessage());
    assertTrue(refused.getMessage().contains("2028-01-01不属于2027年"), refused.getMessage());
  }

  @Test
  void an_arrangement_without_a_statutory_holiday_or_without_its_notice_is_refused() {
    List<ListedDay> days = new ArrayList<>(madeUp2027(false));
    days.removeIf(day -> day.date().equals(LocalDate.parse("2027-09-15")));
    InvalidCalendarYearException refused =
        assertThrows(
            InvalidCalendarYearException.class, () -> CalendarYear.official(2027, 1, "通知", days));
    assertTrue(refused.getMessage().contains("2027-09-15是法定节假日（中秋节"), refused.getMessage());
    assertThrows(
        InvalidCalendarYearException.class,
        () -> CalendarYear.official(2027, 1, " ", madeUp2027(false)));
  }

  @Test
  void a_line_that_does_not_parse_is_an_error_not_skipped() {
    String csv = "# comment\ndate,kind,name\n2025-01-01,OFF,元旦\n2025-13-01,OFF,bad\n";
    assertThrows(
        IllegalStateException.class,
        () ->
            OfficialCalendar.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * A made-up 2027 arrangement (the real notice is not out): the statutory holidays, 元旦 to Sunday 3
   * January with Saturday 9 January worked; {@code longNewYear} adds Monday 4 January off.
   */
  static List<ListedDay> madeUp2027(boolean longNewYear) {
    List<ListedDay> days = new ArrayList<>();
    for (String date :
        List.of(
            "2027-01-01",
            "2027-02-05",
            "2027-02-06",
            "2027-02-07",
            "2027-02-08",
            "2027-02-09",
            "2027-02-10",
            "2027-04-05",
            "2027-05-01",
            "2027-05-02",
            "2027-05-03",
            "2027-05-04",
            "2027-06-09",
            "2027-09-15",
            "2027-10-01",
            "2027-10-02",
            "2027-10-03",
            "2027-10-04",
            "2027-10-05")) {
      days.add(new ListedDay(LocalDate.parse(date), DayKind.OFF, "节日"));
    }
    if (longNewYear) {
      days.add(new ListedDay(LocalDate.parse("2027-01-04"), DayKind.OFF, "元旦"));
      days.add(new ListedDay(LocalDate.parse("2027-01-09"), DayKind.WORK, "元旦"));
    }
    return days;
  }
}
