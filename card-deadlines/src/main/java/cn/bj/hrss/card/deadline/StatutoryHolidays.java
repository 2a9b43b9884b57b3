package cn.bj.hrss.card.deadline;

import com.tyme.lunar.LunarDay;
import com.tyme.solar.SolarDay;
import com.tyme.solar.SolarTerm;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The holidays every citizen has by law, 《全国年节及纪念日放假办法》 as revised in 2024 (in force from
 * 2025-01-01), article 2: 元旦 1 day (1 January); 春节 4 days (除夕 to 正月初三); 清明节 1 day (the day of the
 * 清明 solar term); 劳动节 2 days (1 and 2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五); 国庆节 3 days (1 to 3
 * October). Article 6: a holiday of all citizens that falls on a Saturday or Sunday is made up on a
 * working day (补假); here the first weekday after it that is not a holiday itself.
 *
 * <p>Before 2025 the 2013 revision applied: 春节 3 days (正月初一 to 初三) and 劳动节 1 day (1 May), the rest
 * the same.
 *
 * <p>The lunar dates and the solar term come from tyme4j (6tail, MIT), not from arithmetic of our
 * own. What the State Council's yearly notice adds (bridging days, 调休 working weekends) cannot be
 * known in advance, so a year computed from this alone is provisional.
 */
public final class StatutoryHolidays {

  private StatutoryHolidays() {}

  /** The first year of the 2024 revision (除夕 and 2 May became holidays). */
  static final int REVISION_2024_FROM = 2025;

  /**
   * The statutory holidays of {@code year} (the revision in force that year), with the 补假 days of
   * article 6, in date order.
   */
  public static List<ListedDay> of(int year) {
    boolean revision2024 = year >= REVISION_2024_FROM;
    List<ListedDay> days = new ArrayList<>();
    days.add(off(LocalDate.of(year, 1, 1), "元旦"));
    LocalDate newYear = solar(LunarDay.fromYmd(year, 1, 1).getSolarDay());
    LocalDate first = revision2024 ? newYear.minusDays(1) : newYear;
    for (LocalDate day = first; !day.isAfter(newYear.plusDays(2)); day = day.plusDays(1)) {
      days.add(off(day, "春节"));
    }
    days.add(off(solar(SolarTerm.fromName(year, "清明").getJulianDay().getSolarDay()), "清明节"));
    days.add(off(LocalDate.of(year, 5, 1), "劳动节"));
    if (revision2024) {
      days.add(off(LocalDate.of(year, 5, 2), "劳动节"));
    }
    days.add(off(solar(LunarDay.fromYmd(year, 5, 5).getSolarDay()), "端午节"));
    days.add(off(solar(LunarDay.fromYmd(year, 8, 15).getSolarDay()), "中秋节"));
    for (int d = 1; d <= 3; d++) {
      days.add(off(LocalDate.of(year, 10, d), "国庆节"));
    }
    return withMadeUpDays(merged(days));
  }

  /**
   * One entry a day: 中秋 can fall on 1 October (as in 2020 and 2031), and the day is then named
   * after both.
   */
  private static List<ListedDay> merged(List<ListedDay> days) {
    java.util.Map<LocalDate, ListedDay> byDate = new java.util.LinkedHashMap<>();
    for (ListedDay day : days) {
      byDate.merge(
          day.date(),
          day,
          (a, b) -> new ListedDay(a.date(), DayKind.OFF, a.name() + "、" + b.name()));
    }
    return new ArrayList<>(byDate.values());
  }

  /** Article 6: each holiday on a weekend gives a free weekday after it. */
  private static List<ListedDay> withMadeUpDays(List<ListedDay> holidays) {
    Set<LocalDate> taken = new TreeSet<>();
    holidays.forEach(day -> taken.add(day.date()));
    List<ListedDay> all = new ArrayList<>(holidays);
    for (ListedDay holiday : holidays) {
      if (isWeekend(holiday.date())) {
        LocalDate madeUp = holiday.date().plusDays(1);
        while (isWeekend(madeUp) || taken.contains(madeUp)) {
          madeUp = madeUp.plusDays(1);
        }
        taken.add(madeUp);
        all.add(off(madeUp, holiday.name() + "（补假）"));
      }
    }
    all.sort((a, b) -> a.date().compareTo(b.date()));
    return all;
  }

  private static ListedDay off(LocalDate date, String name) {
    return new ListedDay(date, DayKind.OFF, name);
  }

  private static LocalDate solar(SolarDay day) {
    return LocalDate.of(day.getYear(), day.getMonth(), day.getDay());
  }

  static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
