package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the card factory could not produce the card, and why. */
public record RecordCardProductionFailed(@TargetAggregateIdentifier String cardId, String reason) {}
