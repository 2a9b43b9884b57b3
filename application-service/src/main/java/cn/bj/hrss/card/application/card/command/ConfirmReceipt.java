package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The holder (or the guardian of a minor holder) confirms in the app that the mailed card reached
 * them (S-MAIL-1); the card may then be enabled.
 */
public record ConfirmReceipt(@TargetAggregateIdentifier String cardId) {}
