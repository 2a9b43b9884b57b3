package cn.bj.hrss.card.application.card.command;

import cn.bj.hrss.card.contract.event.CollectionMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the card left the factory by {@code method}. */
public record RecordCardDispatched(
    @TargetAggregateIdentifier String cardId,
    CollectionMethod method,
    String trackingNumber,
    String outletName) {}
