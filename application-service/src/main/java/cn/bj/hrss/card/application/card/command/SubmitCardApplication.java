package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Apply for a third-generation card for {@code applicant} (申领).
 *
 * @param guardian the parent or guardian applying for a minor (R-BANK-4); null otherwise
 */
public record SubmitCardApplication(
    @TargetAggregateIdentifier String cardId,
    Applicant applicant,
    Applicant guardian,
    String bankCode,
    Collection collection) {}
