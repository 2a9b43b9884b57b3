package cn.bj.hrss.card.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * R-SLA-1 to R-SLA-5 as relations that hold for every day of the calendar: a due date is never
 * before the application, never on a closed day (except on the spot), and counting more days or
 * applying later never makes a deadline earlier.
 */
class ProductionDeadlinesPropertiesTest {

  private static final OfficialCalendar CALENDAR = OfficialCalendar.official();
  private static final ProductionDeadlines DEADLINES = new ProductionDeadlines(CALENDAR);
  private static final Set<String> CHANNELS =
      Set.of(
          "BUREAU_WEBSITE",
          "EMPLOYER_COLLECTIVE",
          "COMMUNITY_DOOR_TO_DOOR",
          "BANK_OUTLET_INSTANT",
          "BANK_OUTLET",
          "DISTRICT_STREET_OUTLET");

  @Provide
  Arbitrary<LocalDate> calendarDays() {
    LocalDate first = LocalDate.of(CALENDAR.firstYear(), 1, 1);
    LocalDate last = LocalDate.of(CALENDAR.lastYear(), 12, 31);
    // Deadlines of the last weeks need days of the next year: keep a margin of 60 days.
    return Arbitraries.longs()
        .between(0, first.until(last.minusDays(60), java.time.temporal.ChronoUnit.DAYS))
        .map(first::plusDays);
  }

  @Provide
  Arbitrary<String> channels() {
    return Arbitraries.of(CHANNELS);
  }

  @Property
  void a_due_date_is_never_before_the_application_date(
      @ForAll("channels") String channel, @ForAll("calendarDays") LocalDate applied) {
    ProductionDeadline deadline = DEADLINES.forApplication(channel, applied);
    assertEquals(applied, deadline.applicationDate());
    assertFalse(deadline.dueDate().isBefore(applied));
  }

  @Property
  void a_due_date_is_a_working_day_unless_the_card_is_made_on_the_spot(
      @ForAll("channels") String channel, @ForAll("calendarDays") LocalDate applied) {
    ProductionDeadline deadline = DEADLINES.forApplication(channel, applied);
    if (deadline.rule().equals("R-SLA-2")) {
      assertEquals(applied, deadline.dueDate());
    } else {
      assertTrue(CALENDAR.isWorkingDay(deadline.dueDate()), deadline.toString());
      assertTrue(deadline.dueDate().isAfter(applied));
    }
  }

  @Property
  void applying_later_never_makes_the_deadline_earlier(
      @ForAll("channels") String channel,
      @ForAll("calendarDays") LocalDate applied,
      @ForAll @IntRange(min = 0, max = 40) int later) {
    LocalDate second = applied.plusDays(later);
    Assume.that(second.getYear() <= CALENDAR.lastYear() && second.isBefore(lastUsableDay()));
    LocalDate first = DEADLINES.forApplication(channel, applied).dueDate();
    assertFalse(DEADLINES.forApplication(channel, second).dueDate().isBefore(first));
  }

  @Property
  void adding_working_days_is_strictly_monotonic_and_counts_exactly_that_many_working_days(
      @ForAll("calendarDays") LocalDate applied, @ForAll @IntRange(min = 0, max = 20) int days) {
    LocalDate due = DEADLINES.workingDays(applied, days);
    LocalDate oneMore = DEADLINES.workingDays(applied, days + 1);
    assertTrue(oneMore.isAfter(due));
    long working =
        applied.plusDays(1).datesUntil(due.plusDays(1)).filter(CALENDAR::isWorkingDay).count();
    assertEquals(days, working);
  }

  @Property
  void natural_days_end_on_or_after_the_nominal_last_day_and_on_the_first_working_day_from_it(
      @ForAll("calendarDays") LocalDate applied, @ForAll @IntRange(min = 1, max = 30) int days) {
    LocalDate due = DEADLINES.naturalDays(applied, days);
    LocalDate nominal = applied.plusDays(days);
    assertFalse(due.isBefore(nominal));
    assertTrue(CALENDAR.isWorkingDay(due));
    assertTrue(nominal.datesUntil(due).noneMatch(CALENDAR::isWorkingDay));
  }

  private static LocalDate lastUsableDay() {
    return LocalDate.of(CALENDAR.lastYear(), 12, 31).minusDays(60);
  }
}
