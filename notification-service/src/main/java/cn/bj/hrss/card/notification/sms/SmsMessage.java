package cn.bj.hrss.card.notification.sms;

import java.time.Instant;

/**
 * One message an event gave one recipient, as operators and the card's listing see it.
 *
 * @param eventSequence the card event's sequence; null for a production alert
 * @param eventId the event's id, or the alert's id
 * @param recipientMobile masked (138****8000)
 * @param signature the name in 【】 the text starts with
 * @param body the full text, signature included
 * @param status QUEUED (waiting to be sent), SENT (the gateway accepted it), DELIVERED or
 *     UNDELIVERED (the gateway's receipt), BLOCKED (never sent: the anti-fraud policy refused it),
 *     REJECTED (the gateway refused the request), FAILED (gave up after the maximum attempts),
 *     NOT_SENT_REPLAY (recorded by a rebuild for an event that gave no message when it happened;
 *     never sent)
 * @param reason why it is blocked, rejected, failed or still waiting; else null
 * @param eventOccurredAt when the event (or alert) happened
 * @param sentAt when the gateway accepted it
 * @param deliveredAt when the gateway reported it delivered
 */
public record SmsMessage(
    Long eventSequence,
    String eventId,
    String eventType,
    String template,
    String recipientMobile,
    String signature,
    String body,
    String status,
    String reason,
    Instant eventOccurredAt,
    Instant sentAt,
    Instant deliveredAt) {}
