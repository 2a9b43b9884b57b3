package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Apply for a third-generation card for {@code applicant} (申领). */
public record SubmitCardApplication(
    @TargetAggregateIdentifier String cardId,
    Applicant applicant,
    String bankCode,
    Collection collection) {}
