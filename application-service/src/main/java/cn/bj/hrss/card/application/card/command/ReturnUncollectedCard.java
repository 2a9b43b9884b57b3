package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.application.card.domain.PickupPeriod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take a card nobody collected within its pickup period back to the issuing bank's central store
 * (S-PICKUP-1), from the pickup sweep.
 *
 * @param period the pickup period in force (reference data) when the sweep ran
 */
public record ReturnUncollectedCard(
    @TargetAggregateIdentifier String cardId, PickupPeriod period) {}
