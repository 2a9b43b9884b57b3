package cn.bj.hrss.card.contract.event;

/**
 * The holder enabled the card's social-security function (启用). From this moment the holder's old
 * first- or second-generation card is invalid (R-OLD-2).
 *
 * @param cardNumber the number of the card now in use
 */
public record SocialFunctionEnabled(String cardNumber) implements CardEvent {}
