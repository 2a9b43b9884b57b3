package cn.bj.hrss.card.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision), the lunar dates from tyme4j, checked
 * against the State Council notices we have (2025, 2026) and worked out by hand for 2027.
 */
class StatutoryHolidaysTest {

  @Test
  void the_2027_holidays_worked_out_by_hand_with_the_made_up_days_of_article_6() {
    // 除夕 2027-02-05 (Fri), 初一 Sat 6, 初二 Sun 7, 初三 Mon 8: Sat and Sun are made up on Tue 9
    // and Wed 10. 清明 Mon 5 April. 1-2 May are Sat and Sun: made up Mon 3 and Tue 4. 端午 Wed 9 June,
    // 中秋 Wed 15 September. 1-3 October: Sat 2 and Sun 3 made up on Mon 4 and Tue 5.
    List<String> expected =
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
            "2027-10-05");
    assertEquals(
        expected, StatutoryHolidays.of(2027).stream().map(day -> day.date().toString()).toList());
  }

  @Test
  void every_statutory_holiday_of_2024_to_2026_is_off_in_the_state_councils_notice() {
    OfficialCalendar shipped = OfficialCalendar.shipped();
    for (int year : List.of(2024, 2025, 2026)) {
      for (ListedDay day : StatutoryHolidays.of(year)) {
        if (!day.name().endsWith("（补假）")) {
          assertTrue(shipped.isPublicHoliday(day.date()), day + " is not OFF in " + year);
        }
      }
    }
  }

  @Test
  void the_lunar_festivals_of_2025_and_2026_fall_where_the_notices_put_them() {
    assertEquals(LocalDate.parse("2025-01-28"), dateOf(2025, "春节", 0)); // 除夕
    assertEquals(LocalDate.parse("2026-02-16"), dateOf(2026, "春节", 0));
    assertEquals(LocalDate.parse("2025-04-04"), dateOf(2025, "清明节", 0));
    assertEquals(LocalDate.parse("2026-04-05"), dateOf(2026, "清明节", 0));
    assertEquals(LocalDate.parse("2025-05-31"), dateOf(2025, "端午节", 0));
    assertEquals(LocalDate.parse("2026-06-19"), dateOf(2026, "端午节", 0));
    assertEquals(LocalDate.parse("2025-10-06"), dateOf(2025, "中秋节", 0));
    assertEquals(LocalDate.parse("2026-09-25"), dateOf(2026, "中秋节", 0));
  }

  @Test
  void before_2025_the_2013_revision_has_no_new_years_eve_and_one_labour_day() {
    List<ListedDay> days2024 = StatutoryHolidays.of(2024);
    assertEquals(LocalDate.parse("2024-02-10"), dateOf(2024, "春节", 0)); // 初一, no 除夕
    assertEquals(1, days2024.stream().filter(day -> day.name().equals("劳动节")).count());
    assertEquals(
        2, StatutoryHolidays.of(2025).stream().filter(d -> d.name().equals("劳动节")).count());
  }

  @Test
  void mid_autumn_on_national_day_2031_is_one_day_named_after_both() {
    List<ListedDay> october =
        StatutoryHolidays.of(2031).stream().filter(d -> d.date().getMonthValue() == 10).toList();
    assertEquals("中秋节、国庆节", october.get(0).name());
    assertEquals(LocalDate.parse("2031-10-01"), october.get(0).date());
    assertEquals(
        october.size(), october.stream().map(ListedDay::date).distinct().count(), "each day once");
    CalendarYear.official(2031, 1, "通知", StatutoryHolidays.of(2031)); // valid as it stands
  }

  private static LocalDate dateOf(int year, String name, int index) {
    return StatutoryHolidays.of(year).stream()
        .filter(day -> day.name().equals(name))
        .toList()
        .get(index)
        .date();
  }
}
