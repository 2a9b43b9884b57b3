package cn.bj.hrss.card.application.card.domain;

import java.time.LocalDate;

/**
 * How long a card waits at an outlet for its holder, and how many days before the end the holder is
 * reminded (S-PICKUP-1). Reference data an operator keeps (table {@code pickup_period}).
 *
 * @param days the pickup period, in calendar days from the day the card arrived at the outlet
 * @param reminderDaysBefore the reminder goes this many days before the period's last day
 */
public record PickupPeriod(int days, int reminderDaysBefore) {

  /** As shipped: 90 days, reminded 10 days before the end. */
  public static final PickupPeriod DEFAULT = new PickupPeriod(90, 10);

  /** The longest pickup period an operator may set. */
  public static final int MAX_DAYS = 365;

  /** Refuses (400 S-PICKUP-1) a period outside 1..365 days or a reminder not inside it. */
  public PickupPeriod checked() {
    if (days < 1 || days > MAX_DAYS) {
      throw RuleViolation.invalidInput(
              PickupPolicy.RULE, "领卡期限应为1至365天。", "days must be 1 to " + MAX_DAYS)
          .at("days");
    }
    if (reminderDaysBefore < 0 || reminderDaysBefore >= days) {
      throw RuleViolation.invalidInput(
              PickupPolicy.RULE,
              "提醒天数应不少于0天且小于领卡期限。",
              "reminderDaysBefore must be at least 0 and less than days")
          .at("reminderDaysBefore");
    }
    return this;
  }

  /** The last day a card that arrived at the outlet on {@code waitingSince} waits there. */
  public LocalDate lastDay(LocalDate waitingSince) {
    return waitingSince.plusDays(days);
  }

  /** The first day its holder is reminded. */
  public LocalDate reminderDay(LocalDate waitingSince) {
    return lastDay(waitingSince).minusDays(reminderDaysBefore);
  }
}
