package cn.bj.hrss.card.notification.sms;

import java.time.Instant;

/**
 * One message an event gives one recipient.
 *
 * @param recipientMobile masked (138****8000)
 * @param status PENDING: recorded, to be handed to the SMS gateway
 * @param eventOccurredAt when the event that gave this message happened
 */
public record SmsMessage(
    long eventSequence,
    String eventId,
    String template,
    String recipientMobile,
    String body,
    String status,
    Instant eventOccurredAt) {}
