package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A retiree who received the card moves it to another cooperating bank (R-BANK-6). */
public record ChangeIssuingBank(@TargetAggregateIdentifier String cardId, String bankCode) {}
