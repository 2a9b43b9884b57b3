package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.application.card.domain.PickupPeriod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remind the holder that the card's pickup period ends soon (S-PICKUP-1), from the pickup sweep.
 *
 * @param period the pickup period in force (reference data) when the sweep ran
 */
public record RemindPickupPeriodEnding(
    @TargetAggregateIdentifier String cardId, PickupPeriod period) {}
