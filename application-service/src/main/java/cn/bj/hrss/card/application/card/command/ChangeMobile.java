package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The holder, or the recorded guardian of a minor holder, changes the mobile number the card's
 * notices go to (S-MOBILE-1): the holder's own, or the guardian's.
 */
public record ChangeMobile(@TargetAggregateIdentifier String cardId, String mobile) {}
