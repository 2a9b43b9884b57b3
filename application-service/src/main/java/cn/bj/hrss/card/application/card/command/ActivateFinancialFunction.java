package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Activate the card's financial function, in person at an outlet of the issuing bank (R-PICK-3), or
 * on door-to-door delivery (R-PICK-4).
 */
public record ActivateFinancialFunction(
    @TargetAggregateIdentifier String cardId, String bankCode, String outletName) {}
