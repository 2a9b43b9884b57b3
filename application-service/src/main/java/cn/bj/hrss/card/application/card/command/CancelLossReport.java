package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel a loss report (解挂) while no replacement has been made. */
public record CancelLossReport(@TargetAggregateIdentifier String cardId) {}
