package cn.bj.hrss.card.contract.event;

/**
 * A retiree who received the card moved it to another cooperating bank (R-BANK-6).
 *
 * @param fromBankCode the bank that issued the card (the pension bank)
 * @param toBankCode the bank that issues it from now on
 */
public record IssuingBankChanged(String fromBankCode, String toBankCode) implements CardEvent {}
