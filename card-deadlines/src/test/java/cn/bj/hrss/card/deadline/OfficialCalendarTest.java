package cn.bj.hrss.card.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The official calendar as data: working days, holidays, adjusted working weekends (R-SLA-3). */
class OfficialCalendarTest {

  private final OfficialCalendar calendar = OfficialCalendar.official();

  @Test
  void covers_2024_to_2026() {
    assertEquals(2024, calendar.firstYear());
    assertEquals(2026, calendar.lastYear());
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
  void a_day_outside_the_covered_years_is_refused_loudly() {
    DateOutsideCalendarException refused =
        assertThrows(
            DateOutsideCalendarException.class,
            () -> calendar.isWorkingDay(LocalDate.parse("2027-01-04")));
    assertTrue(refused.getMessage().contains("2027-01-04"), refused.getMessage());
    assertTrue(refused.getMessage().contains("2024-2026"), refused.getMessage());
    assertThrows(
        DateOutsideCalendarException.class,
        () -> calendar.isWorkingDay(LocalDate.parse("2023-12-29")));
  }

  @Test
  void a_line_that_does_not_parse_is_an_error_not_skipped() {
    String csv = "# comment\ndate,kind,name\n2025-01-01,OFF,元旦\n2025-13-01,OFF,bad\n";
    assertThrows(
        IllegalStateException.class,
        () ->
            OfficialCalendar.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
  }
}
