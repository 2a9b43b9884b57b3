package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the card factory produced the card, with the number printed on it. */
public record RecordCardProduced(@TargetAggregateIdentifier String cardId, String cardNumber) {}
