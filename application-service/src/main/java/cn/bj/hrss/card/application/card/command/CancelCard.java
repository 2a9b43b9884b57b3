package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * End the card's life (S-END-1): its holder died or emigrated, as the insured registry says (source
 * {@code REGISTRY}), or an operator decided with a reason (source {@code OPERATOR}).
 *
 * @param reason {@code DECEASED}, {@code EMIGRATED} or {@code OTHER}
 * @param source {@code REGISTRY} or {@code OPERATOR}
 * @param note the operator's reason in words (required from an operator); null from the registry
 */
public record CancelCard(
    @TargetAggregateIdentifier String cardId, String reason, String source, String note) {}
