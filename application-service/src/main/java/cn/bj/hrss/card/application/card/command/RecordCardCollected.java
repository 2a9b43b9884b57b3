package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the holder collected the card at a bank outlet (R-PICK-2). */
public record RecordCardCollected(@TargetAggregateIdentifier String cardId, String outletName) {}
