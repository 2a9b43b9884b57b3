package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace the card after loss or damage at an instant outlet of the issuing bank (R-LOSS-1); the
 * replacement gets {@code replacementCardId}.
 */
public record ReplaceCard(
    @TargetAggregateIdentifier String cardId,
    String replacementCardId,
    String reason,
    String newCardNumber,
    String outletName) {}
