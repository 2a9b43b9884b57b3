package cn.bj.hrss.card.contract.event;

/**
 * The holder found the card and cancelled the loss report (解挂) before any replacement was made.
 *
 * @param cardNumber the number of the card that works again
 */
public record LossReportCancelled(String cardNumber) implements CardEvent {}
