package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enable the card's social-security function; the old card becomes invalid (R-OLD-2). */
public record EnableSocialFunction(@TargetAggregateIdentifier String cardId) {}
