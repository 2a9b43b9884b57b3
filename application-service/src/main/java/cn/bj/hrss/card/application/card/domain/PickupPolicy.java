package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import java.time.LocalDate;

/**
 * S-PICKUP-1, cards nobody collects: a card waiting at an outlet (dispatched for pickup there, or
 * its mail returned to an outlet of the issuing bank, S-MAIL-2) waits for its pickup period
 * (reference data, {@link PickupPeriod}); its holder is reminded once, from {@link
 * PickupPeriod#reminderDay}; after the period's last day it goes back to the issuing bank's central
 * store, where the holder can still collect it on request. The days count from the business date
 * the card arrived, on the business clock.
 */
public final class PickupPolicy {

  public static final String RULE = "S-PICKUP-1";

  private PickupPolicy() {}

  /** Where and since when a card waits at an outlet. */
  public record Waiting(LocalDate since, RegisteredOutlet outlet) {}

  /** Whether the card waits at an outlet for its holder now. */
  public static boolean isWaitingAtOutlet(CardState state, Waiting waiting) {
    return waiting != null
        && state.status() == CardStatus.DISPATCHED
        && state.collection() != null
        && state.collection().method() == CollectionMethod.OUTLET_PICKUP;
  }

  /**
   * The reminder: the card waits at an outlet, its holder not reminded since it arrived, and the
   * reminder day reached; returns the period's last day.
   */
  public static LocalDate checkReminder(
      CardState state, Waiting waiting, PickupPeriod period, LocalDate today) {
    requireWaiting(state, waiting);
    if (state.pickupReminded()) {
      throw conflict(RULE, "已提醒过持卡人领卡。", "the holder was already reminded");
    }
    LocalDate lastDay = period.checked().lastDay(waiting.since());
    if (today.isBefore(period.reminderDay(waiting.since()))) {
      throw conflict(
          RULE,
          "领卡期限尚未临近，暂不提醒。",
          "the reminder is due from " + period.reminderDay(waiting.since()));
    }
    return lastDay;
  }

  /** The return: the card waits at an outlet and its pickup period's last day has passed. */
  public static LocalDate checkReturn(
      CardState state, Waiting waiting, PickupPeriod period, LocalDate today) {
    requireWaiting(state, waiting);
    LocalDate lastDay = period.checked().lastDay(waiting.since());
    if (!today.isAfter(lastDay)) {
      throw conflict(RULE, "领卡期限尚未届满，卡片仍在网点等待领取。", "the pickup period runs until " + lastDay);
    }
    return lastDay;
  }

  private static void requireWaiting(CardState state, Waiting waiting) {
    if (!isWaitingAtOutlet(state, waiting)) {
      throw conflict(
          RULE, "该卡不在网点等待领取。", "the card is not waiting at an outlet: " + state.status());
    }
  }
}
