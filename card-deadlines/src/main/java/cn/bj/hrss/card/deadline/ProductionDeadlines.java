package cn.bj.hrss.card.deadline;

import cn.bj.hrss.card.contract.event.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The production time limits of the notice (制卡时限, R-SLA-1 to R-SLA-4), counted as the Civil Code
 * counts periods (R-SLA-5), on the official calendar.
 *
 * <p><b>R-SLA-5 and weekends.</b> 民法典 article 203 moves the end of a period whose last day is a
 * 法定休假日 to the day after that 法定休假日. This class reads 法定休假日 as every day that is not an official
 * working day: the public holidays (OFF) <i>and</i> ordinary weekends (公休日) that are not adjusted
 * working days. That is how the Supreme People's Court applies it (its practice counts 公休日 among
 * 法定休假日; article 154 of the former General Principles of the Civil Law named "星期日或者其他法定休假日"
 * outright), and it is the reading that never ends a period on a day when offices are closed. An
 * adjusted working weekend day (调休上班, WORK) is a working day, so a period may end on it. The choice
 * is recorded in docs/adr/0007.
 */
public final class ProductionDeadlines {

  /** Beijing time: the application date is the calendar day in Beijing. */
  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** R-SLA-1: online channels (R-CHAN-1), including collective and community-assisted ones. */
  static final Set<Channel> ONLINE =
      Channel.setOf(
          Channel.BUREAU_WEBSITE,
          Channel.JINGTONG_MINI_PROGRAM,
          Channel.BEIJING_HRSS_WECHAT,
          Channel.MINSHENG_ONE_CARD_MINI_PROGRAM,
          Channel.EMPLOYER_COLLECTIVE,
          Channel.UNIVERSITY_COLLECTIVE,
          Channel.COMMUNITY_DOOR_TO_DOOR);

  static final int ONLINE_NATURAL_DAYS = 30;
  static final int BANK_OUTLET_WORKING_DAYS = 4;
  static final int DISTRICT_STREET_NATURAL_DAYS = 30;

  private final OfficialCalendar calendar;

  public ProductionDeadlines(OfficialCalendar calendar) {
    this.calendar = calendar;
  }

  /**
   * The deadline of an application made through {@code channel} at {@code appliedAt}.
   *
   * @throws NoProductionPeriodException if the channel is not an application channel
   */
  public ProductionDeadline forApplication(String channel, Instant appliedAt) {
    return forApplication(channel, appliedAt.atZone(BEIJING).toLocalDate());
  }

  /**
   * The deadline of an application made through {@code channel} on {@code applied}, the legal
   * application date (CardRequested's {@code applicationDate}, version 2).
   *
   * @throws NoProductionPeriodException if the channel is not an application channel
   */
  public ProductionDeadline forApplication(String channel, LocalDate applied) {
    Channel via = Channel.named(channel).orElse(null);
    if (ONLINE.contains(via)) {
      return counted("R-SLA-1", applied, naturalDays(applied, ONLINE_NATURAL_DAYS));
    }
    if (via == Channel.BANK_OUTLET_INSTANT) {
      return new ProductionDeadline("R-SLA-2", applied, onTheSpot(applied), List.of());
    }
    if (via == Channel.BANK_OUTLET) {
      return counted("R-SLA-3", applied, workingDays(applied, BANK_OUTLET_WORKING_DAYS));
    }
    if (via == Channel.DISTRICT_STREET_OUTLET) {
      return counted("R-SLA-4", applied, naturalDays(applied, DISTRICT_STREET_NATURAL_DAYS));
    }
    throw new NoProductionPeriodException(channel);
  }

  /** A deadline with the calendar years its days were counted on (from the day after applying). */
  private ProductionDeadline counted(String rule, LocalDate applied, LocalDate due) {
    List<String> years = new ArrayList<>();
    for (int year = applied.plusDays(1).getYear(); year <= due.getYear(); year++) {
      years.add(calendar.year(year).label());
    }
    return new ProductionDeadline(rule, applied, due, years);
  }

  /**
   * R-SLA-1, R-SLA-4 with R-SLA-5: {@code days} natural days, counted from the day after the
   * application; a last day that is a 法定休假日 (a public holiday or a weekend that is not an adjusted
   * working day) moves the end to the first working day after it.
   */
  LocalDate naturalDays(LocalDate applied, int days) {
    LocalDate last = applied.plusDays(days);
    return calendar.isWorkingDay(last) ? last : calendar.nextWorkingDayAfter(last);
  }

  /**
   * R-SLA-3 with R-SLA-5: the {@code days}-th working day after the application day, the
   * application day itself not counted. The last day is a working day, so it never moves.
   */
  LocalDate workingDays(LocalDate applied, int days) {
    LocalDate day = applied;
    for (int counted = 0; counted < days; counted++) {
      day = calendar.nextWorkingDayAfter(day);
    }
    return day;
  }

  /**
   * R-SLA-2: produced and handed over on the spot, on the day of application, whatever day that is
   * (the instant-issuance outlet was open, since the holder applied there).
   */
  LocalDate onTheSpot(LocalDate applied) {
    return applied;
  }
}
