package cn.bj.hrss.card.contract.event;

/**
 * The card's financial function (金融功能) was activated, in person at an outlet of the issuing bank
 * (R-PICK-2, R-PICK-3, R-PICK-4).
 *
 * @param bankCode the issuing bank, whose outlet activated it
 * @param outletName the outlet
 */
public record FinancialFunctionActivated(String bankCode, String outletName) implements CardEvent {}
