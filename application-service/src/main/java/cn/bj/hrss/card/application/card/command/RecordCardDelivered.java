package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.CollectionMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the card was delivered by mail or door-to-door (R-PICK-3, R-PICK-4). */
public record RecordCardDelivered(
    @TargetAggregateIdentifier String cardId, CollectionMethod method) {}
