package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Withdraw the application before the card is produced (S-WITHDRAW-1); the person may apply again.
 */
public record WithdrawApplication(@TargetAggregateIdentifier String cardId) {}
