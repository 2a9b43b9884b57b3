package cn.bj.hrss.card.contract.event;

/**
 * The holder reported the card lost (挂失): it is blocked at once, and the issuing bank must block
 * its financial account.
 *
 * @param cardNumber the number of the blocked card
 */
public record CardReportedLost(String cardNumber) implements CardEvent {}
