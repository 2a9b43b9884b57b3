package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.Applicant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create the replacement card of {@code replacesCardId}, handed over on the spot (R-LOSS-1). */
public record IssueReplacementCard(
    @TargetAggregateIdentifier String cardId,
    String replacesCardId,
    Applicant applicant,
    String bankCode,
    String cardNumber,
    String outletName,
    String reason) {}
