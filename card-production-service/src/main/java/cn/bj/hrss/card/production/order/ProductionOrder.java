package cn.bj.hrss.card.production.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A production order as the card factory side sees it. No personal data: the factory works from the
 * card id, the bank and the collection details.
 *
 * @param status ORDERED, PRODUCTION_FAILED (to be produced again), PRODUCED, DISPATCHED,
 *     HANDED_OVER, or closed: WITHDRAWN (S-WITHDRAW-1) or CANCELLED (S-END-1)
 * @param applicationDate the day of application in Beijing, not counted in the period (R-SLA-5)
 * @param dueDate last day of the legal production period; null when none could be set (see
 *     deadlineProblem)
 * @param deadlineRule the rule that set the period: R-SLA-1, R-SLA-2, R-SLA-3 or R-SLA-4
 * @param deadlineProblem why no deadline could be set (a channel without a production period); null
 *     when there is a due date
 * @param dueDateProvisional counted on a year whose official holiday arrangement is not loaded yet
 *     (issue 17): it may move when it is
 * @param calendarVersion the calendar years it was counted on, e.g. {@code 2026:v1
 *     2027:provisional}
 * @param deadlineNote in Chinese with the rule id, why the date is provisional; null otherwise
 * @param overdue as of today: past the due date and not produced
 * @param factories the factories the order is assigned to: those of its bank (S-FACTORY-1)
 * @param closedReason for a closed order, the event's reason code (BY_APPLICANT, BY_OPERATOR;
 *     DECEASED, EMIGRATED, OTHER); null otherwise
 * @param closedAt when the withdrawal or cancellation was recorded; null for an order not closed
 */
public record ProductionOrder(
    String cardId,
    String bankCode,
    String channel,
    String collectionMethod,
    String outletName,
    String status,
    Instant orderedAt,
    LocalDate applicationDate,
    LocalDate dueDate,
    String deadlineRule,
    String deadlineProblem,
    boolean dueDateProvisional,
    String calendarVersion,
    String deadlineNote,
    boolean overdue,
    int failureCount,
    String lastFailureReason,
    Instant lastFailedAt,
    String cardNumber,
    Instant producedAt,
    Instant dispatchedAt,
    String trackingNumber,
    Instant handedOverAt,
    List<String> factories,
    String closedReason,
    Instant closedAt) {

  /** The statuses of an order the factory still has to produce. */
  public static final String OPEN_STATUSES = "('ORDERED', 'PRODUCTION_FAILED')";

  /** The application was withdrawn before production (S-WITHDRAW-1). */
  public static final String WITHDRAWN = "WITHDRAWN";

  /** The card's life ended: the holder died or emigrated (S-END-1). */
  public static final String CANCELLED = "CANCELLED";

  /** The statuses of an order closed for good: no factory's work, no alert, no report. */
  public static final String CLOSED_STATUSES = "('" + WITHDRAWN + "', '" + CANCELLED + "')";
}
