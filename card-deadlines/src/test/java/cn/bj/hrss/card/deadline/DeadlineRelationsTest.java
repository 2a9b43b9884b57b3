package cn.bj.hrss.card.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R-SLA-1 to R-SLA-5 as relations checked on every application day from 2024 to 2028, official and
 * provisional years alike (replaces the jqwik properties: all days rather than a sample): a due
 * date is never before the application, never on a closed day (except on the spot), and counting
 * more days or applying later never makes a deadline earlier.
 */
class DeadlineRelationsTest {

  private static final OfficialCalendar CALENDAR = OfficialCalendar.shipped();
  private static final ProductionDeadlines DEADLINES = new ProductionDeadlines(CALENDAR);
  private static final List<String> CHANNELS =
      List.of(
          "BUREAU_WEBSITE",
          "EMPLOYER_COLLECTIVE",
          "COMMUNITY_DOOR_TO_DOOR",
          "BANK_OUTLET_INSTANT",
          "BANK_OUTLET",
          "DISTRICT_STREET_OUTLET");
  private static final List<LocalDate> DAYS =
      LocalDate.parse("2024-01-01").datesUntil(LocalDate.parse("2029-01-01")).toList();

  @Test
  void a_due_date_is_never_before_the_application_and_is_a_working_day_unless_made_on_the_spot() {
    for (String channel : CHANNELS) {
      for (LocalDate applied : DAYS) {
        ProductionDeadline deadline = DEADLINES.forApplication(channel, applied);
        assertEquals(applied, deadline.applicationDate());
        if (deadline.rule().equals("R-SLA-2")) {
          assertEquals(applied, deadline.dueDate());
        } else {
          assertTrue(CALENDAR.isWorkingDay(deadline.dueDate()), deadline.toString());
          assertTrue(deadline.dueDate().isAfter(applied), deadline.toString());
          assertEquals(
              deadline.dueDate().getYear() >= 2027, deadline.provisional(), deadline.toString());
        }
      }
    }
  }

  @Test
  void applying_a_day_later_never_makes_the_deadline_earlier() {
    for (String channel : CHANNELS) {
      LocalDate previous = null;
      for (LocalDate applied : DAYS) {
        LocalDate due = DEADLINES.forApplication(channel, applied).dueDate();
        if (previous != null) {
          assertFalse(due.isBefore(previous), channel + " " + applied);
        }
        previous = due;
      }
    }
  }

  @Test
  void working_days_count_exactly_that_many_working_days() {
    for (LocalDate applied : DAYS) {
      for (int days = 1; days <= 5; days++) {
        LocalDate due = DEADLINES.workingDays(applied, days);
        long working =
            applied.plusDays(1).datesUntil(due.plusDays(1)).filter(CALENDAR::isWorkingDay).count();
        assertEquals(days, working, applied + " + " + days);
      }
    }
  }

  @Test
  void natural_days_end_on_the_first_working_day_from_the_nominal_last_day() {
    for (LocalDate applied : DAYS) {
      LocalDate nominal = applied.plusDays(30);
      LocalDate due = DEADLINES.naturalDays(applied, 30);
      assertFalse(due.isBefore(nominal));
      assertTrue(CALENDAR.isWorkingDay(due));
      assertTrue(nominal.datesUntil(due).noneMatch(CALENDAR::isWorkingDay), applied.toString());
    }
  }
}
