package cn.bj.hrss.card.application.card.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A card's progress as its holder (or guardian) sees it (制卡进度): the steps of its life, each done or
 * not yet, and the date by which the card is due to be produced (R-SLA-1 .. R-SLA-5).
 *
 * @param dueDate the last day of the legal production period; null only for a channel that has none
 * @param dueRule the rule that sets it (R-SLA-1 .. R-SLA-4)
 * @param dueDateProvisional counted on a year whose official holiday arrangement is not loaded yet:
 *     the date may move when it is (issue 17)
 * @param calendarVersion the calendar years it was counted on, e.g. {@code 2026:v1
 *     2027:provisional}
 * @param dueNote in Chinese, with the rule id: why the date is provisional, or why there is none
 */
public record CardProgress(
    String cardId,
    String status,
    String statusName,
    LocalDate dueDate,
    String dueRule,
    boolean dueDateProvisional,
    String calendarVersion,
    String dueNote,
    List<Step> steps) {

  /**
   * One step of the timeline.
   *
   * @param name the step in Chinese, as the mini-program shows it
   * @param at when it happened; null while not yet done
   * @param detail the outlet, tracking number or reason, where there is one
   */
  public record Step(String step, String name, boolean done, Instant at, String detail) {}
}
