package cn.bj.hrss.card.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** R-SLA-1 to R-SLA-5 on the official calendar, with the hard cases of 2024-2026. */
class ProductionDeadlinesTest {

  private final ProductionDeadlines deadlines = new ProductionDeadlines(OfficialCalendar.shipped());

  /** Applied at 10:00 Beijing time on {@code date}. */
  private LocalDate due(String channel, String date) {
    ProductionDeadline deadline =
        deadlines.forApplication(channel, Instant.parse(date + "T02:00:00Z"));
    assertEquals(LocalDate.parse(date), deadline.applicationDate());
    return deadline.dueDate();
  }

  private static LocalDate day(String date) {
    return LocalDate.parse(date);
  }

  @Test
  void R_SLA_1_online_application_is_due_30_natural_days_after_the_application_day() {
    assertEquals(day("2025-04-02"), due("JINGTONG_MINI_PROGRAM", "2025-03-03"));
    assertEquals(
        "R-SLA-1",
        deadlines.forApplication("BUREAU_WEBSITE", Instant.parse("2025-03-03T02:00:00Z")).rule());
  }

  @Test
  void R_SLA_1_collective_and_community_applications_are_online_applications() {
    assertEquals(day("2025-04-02"), due("EMPLOYER_COLLECTIVE", "2025-03-03"));
    assertEquals(day("2025-04-02"), due("UNIVERSITY_COLLECTIVE", "2025-03-03"));
    assertEquals(day("2025-04-02"), due("COMMUNITY_DOOR_TO_DOOR", "2025-03-03"));
  }

  @Test
  void R_SLA_2_instant_issuance_outlet_is_due_on_the_spot_even_on_a_holiday() {
    assertEquals(day("2025-03-03"), due("BANK_OUTLET_INSTANT", "2025-03-03"));
    assertEquals(day("2025-10-01"), due("BANK_OUTLET_INSTANT", "2025-10-01"));
  }

  @Test
  void R_SLA_3_non_instant_bank_outlet_is_due_on_the_4th_working_day() {
    assertEquals(day("2025-03-07"), due("BANK_OUTLET", "2025-03-03")); // Mon -> Fri
    assertEquals(day("2025-03-12"), due("BANK_OUTLET", "2025-03-06")); // Thu, over a weekend
  }

  @Test
  void R_SLA_3_across_the_spring_festival_counts_the_adjusted_working_sunday() {
    // Fri 01-24; Sun 01-26 is 调休上班 (1), Mon 01-27 (2), 01-28..02-04 off, 02-05 (3), 02-06 (4)
    assertEquals(day("2025-02-06"), due("BANK_OUTLET", "2025-01-24"));
    // 2026: Fri 02-13 (1), Sat 02-14 调休上班 (2), 02-15..02-23 off, Tue 02-24 (3), Wed 02-25 (4)
    assertEquals(day("2026-02-25"), due("BANK_OUTLET", "2026-02-12"));
  }

  @Test
  void R_SLA_3_across_an_adjusted_working_saturday() {
    // Thu 02-06; Fri 02-07 (1), Sat 02-08 调休上班 (2), Mon 02-10 (3), Tue 02-11 (4)
    assertEquals(day("2025-02-11"), due("BANK_OUTLET", "2025-02-06"));
  }

  @Test
  void R_SLA_3_application_on_a_holiday_counts_from_the_first_working_day() {
    // 10-02..10-08 off, Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 调休上班 (3), Mon 10-13 (4)
    assertEquals(day("2025-10-13"), due("BANK_OUTLET", "2025-10-01"));
  }

  @Test
  void R_SLA_3_across_a_year_end() {
    // Tue 12-30 (1), Wed 12-31 (2), 01-01..01-03 元旦, Sun 01-04 调休上班 (3), Mon 01-05 (4)
    assertEquals(day("2026-01-05"), due("BANK_OUTLET", "2025-12-29"));
  }

  @Test
  void R_SLA_4_district_or_street_outlet_is_due_30_natural_days_later() {
    assertEquals(day("2025-04-02"), due("DISTRICT_STREET_OUTLET", "2025-03-03"));
  }

  @Test
  void R_SLA_1_across_a_year_end() {
    assertEquals(day("2025-01-14"), due("BEIJING_HRSS_WECHAT", "2024-12-15"));
  }

  @Test
  void R_SLA_5_period_ending_on_a_public_holiday_ends_the_day_after_it() {
    // 2024-12-02 + 30 = 2025-01-01 (元旦, a Wednesday) -> Thu 2025-01-02
    assertEquals(day("2025-01-02"), due("BUREAU_WEBSITE", "2024-12-02"));
  }

  @Test
  void R_SLA_5_period_ending_inside_the_spring_festival_ends_after_the_holiday() {
    // 2025-01-01 + 30 = Fri 01-31, inside 春节 01-28..02-04 -> Wed 02-05
    assertEquals(day("2025-02-05"), due("BUREAU_WEBSITE", "2025-01-01"));
  }

  @Test
  void R_SLA_5_period_ending_inside_the_national_day_holiday_ends_after_it() {
    // 2025-09-03 + 30 = Fri 10-03, inside 10-01..10-08 -> Thu 10-09
    assertEquals(day("2025-10-09"), due("DISTRICT_STREET_OUTLET", "2025-09-03"));
  }

  @Test
  void R_SLA_5_period_ending_on_an_ordinary_weekend_ends_on_monday() {
    // 2025-02-13 + 30 = Sat 03-15: 法定休假日 read as including 公休日 (ADR 0007) -> Mon 03-17
    assertEquals(day("2025-03-17"), due("JINGTONG_MINI_PROGRAM", "2025-02-13"));
  }

  @Test
  void R_SLA_5_period_ending_on_an_adjusted_working_saturday_ends_that_day() {
    // 2025-01-09 + 30 = Sat 02-08, 调休上班: a working day, so the period ends on it
    assertEquals(day("2025-02-08"), due("JINGTONG_MINI_PROGRAM", "2025-01-09"));
  }

  @Test
  void R_SLA_5_the_application_day_is_the_day_in_beijing_and_is_not_counted() {
    // 2025-03-02T16:30Z is 00:30 on 03-03 in Beijing
    ProductionDeadline justAfterMidnight =
        deadlines.forApplication("BUREAU_WEBSITE", Instant.parse("2025-03-02T16:30:00Z"));
    assertEquals(day("2025-03-03"), justAfterMidnight.applicationDate());
    assertEquals(day("2025-04-02"), justAfterMidnight.dueDate());
    ProductionDeadline justBeforeMidnight =
        deadlines.forApplication("BANK_OUTLET", Instant.parse("2025-03-03T15:59:59Z"));
    assertEquals(day("2025-03-07"), justBeforeMidnight.dueDate());
  }

  @Test
  void R_SLA_5_a_given_application_date_counts_as_that_day_whatever_the_time_of_recording() {
    // CardRequested v2 carries the date decided by application-service (its business date).
    ProductionDeadline dated = deadlines.forApplication("BUREAU_WEBSITE", day("2025-03-03"));
    assertEquals(day("2025-03-03"), dated.applicationDate());
    assertEquals(
        deadlines.forApplication("BUREAU_WEBSITE", Instant.parse("2025-03-02T16:30:00Z")), dated);
  }

  @Test
  void
      R_SLA_1_a_period_reaching_into_a_year_without_its_notice_is_provisional_with_a_chinese_note() {
    // 2026-12-03 + 30 days = Saturday 2027-01-02; the provisional 2027 has Sunday 3 off and Monday
    // 4
    // working, so the period ends on 2027-01-04.
    ProductionDeadline deadline =
        deadlines.forApplication("BUREAU_WEBSITE", LocalDate.parse("2026-12-03"));
    assertEquals(day("2027-01-04"), deadline.dueDate());
    assertEquals("R-SLA-1", deadline.rule());
    assertTrue(deadline.provisional());
    assertEquals("2026:v1 2027:provisional", deadline.calendarVersion());
    assertTrue(deadline.note().startsWith("预计日期（R-SLA-1）：2027年的国务院节假日安排尚未发布"), deadline.note());
  }

  @Test
  void R_SLA_4_district_outlet_on_2026_12_03_is_provisional_too() {
    ProductionDeadline deadline =
        deadlines.forApplication("DISTRICT_STREET_OUTLET", LocalDate.parse("2026-12-03"));
    assertEquals(day("2027-01-04"), deadline.dueDate());
    assertTrue(deadline.note().contains("R-SLA-4"), deadline.note());
  }

  @Test
  void every_channel_on_2027_03_01_worked_out_by_hand_on_the_provisional_year() {
    LocalDate applied = day("2027-03-01"); // a Monday
    assertEquals(day("2027-03-31"), deadlines.forApplication("BUREAU_WEBSITE", applied).dueDate());
    assertEquals(
        day("2027-03-31"), deadlines.forApplication("DISTRICT_STREET_OUTLET", applied).dueDate());
    assertEquals(day("2027-03-05"), deadlines.forApplication("BANK_OUTLET", applied).dueDate());
    ProductionDeadline onTheSpot = deadlines.forApplication("BANK_OUTLET_INSTANT", applied);
    assertEquals(applied, onTheSpot.dueDate());
    assertFalse(onTheSpot.provisional(), "made on the spot: no calendar day is needed");
    assertEquals(null, onTheSpot.note());
    assertTrue(deadlines.forApplication("BANK_OUTLET", applied).provisional());
  }

  @Test
  void R_SLA_5_provisional_spring_festival_2027_counts_the_made_up_days() {
    // 2027-01-07 + 30 = Saturday 2027-02-06 (初一); off until Wednesday 10 (补假 for 6 and 7).
    assertEquals(day("2027-02-11"), due("BUREAU_WEBSITE", "2027-01-07"));
  }

  @Test
  void R_SLA_3_provisional_labour_day_2027_on_a_weekend_is_made_up_on_monday_and_tuesday() {
    // Friday 30 April: Sat 1 and Sun 2 May are holidays, Mon 3 and Tue 4 made up; working days
    // Wed 5, Thu 6, Fri 7, Mon 10.
    assertEquals(day("2027-05-10"), due("BANK_OUTLET", "2027-04-30"));
  }

  @Test
  void a_loaded_2027_arrangement_replaces_the_provisional_date() {
    ProductionDeadlines loaded =
        new ProductionDeadlines(
            OfficialCalendar.shipped()
                .with(CalendarYear.official(2027, 2, "通知", OfficialCalendarTest.madeUp2027(true))));
    ProductionDeadline deadline =
        loaded.forApplication("BUREAU_WEBSITE", LocalDate.parse("2026-12-03"));
    assertEquals(day("2027-01-05"), deadline.dueDate()); // Monday 4 January is off in it
    assertFalse(deadline.provisional());
    assertEquals("2026:v1 2027:v2", deadline.calendarVersion());
    assertEquals(null, deadline.note());
  }

  @Test
  void a_system_channel_has_no_production_period() {
    assertThrows(
        NoProductionPeriodException.class,
        () -> deadlines.forApplication("CARD_FACTORY_API", Instant.parse("2025-03-03T02:00:00Z")));
    assertThrows(
        NoProductionPeriodException.class,
        () -> deadlines.forApplication(null, Instant.parse("2025-03-03T02:00:00Z")));
  }
}
