package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Report the card lost (挂失): it is blocked at once and the issuing bank is told. */
public record ReportCardLost(@TargetAggregateIdentifier String cardId) {}
