package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the carrier could not deliver the mailed card, or that it came back (S-MAIL-2): the
 * card now waits at {@code outletName}, a registered outlet of the issuing bank.
 *
 * @param reason {@code UNDELIVERABLE} or {@code RETURNED}
 */
public record RecordMailReturned(
    @TargetAggregateIdentifier String cardId,
    String trackingNumber,
    String reason,
    String outletName) {}
