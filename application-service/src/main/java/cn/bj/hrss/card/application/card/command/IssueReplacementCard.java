package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.Applicant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create the replacement card of {@code replacesCardId}, handed over on the spot (R-LOSS-1).
 *
 * @param category the replaced card's insured category, kept (R-BANK-6); null when not recorded
 * @param oldCardStillValid whether the holder's first- or second-generation card is still valid
 *     (the replaced card had not invalidated it), so that enabling the new card invalidates it
 */
public record IssueReplacementCard(
    @TargetAggregateIdentifier String cardId,
    String replacesCardId,
    Applicant applicant,
    String bankCode,
    String cardNumber,
    String outletName,
    String reason,
    String category,
    boolean oldCardStillValid) {}
