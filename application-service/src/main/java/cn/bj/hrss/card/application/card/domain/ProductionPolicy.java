package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.contract.event.Channel;
import java.util.regex.Pattern;

/**
 * Who records a card as produced (or its production as failed), and with which card number: the
 * card factory, or, for a card applied for at an instant-issuance outlet, the issuing bank there
 * (R-SLA-2); a card number is 9 digits or capital letters (INPUT-CARD-NUMBER).
 */
final class ProductionPolicy {

  private static final Pattern CARD_NUMBER = Pattern.compile("[0-9A-Z]{9}");

  private ProductionPolicy() {}

  /** A production failure: while the card is in production, with a reason. */
  static void checkFailure(CardState state, String reason) {
    LifecycleOrder.requireInProduction(state, "record a production failure");
    if (reason == null || reason.isBlank()) {
      throw invalidInput("INPUT-MISSING", "请说明制卡失败原因。", "a production failure needs a reason");
    }
  }

  /**
   * A produced card: reported by the factory, or by the issuing bank for a card applied for at its
   * own instant-issuance outlet, made there on the spot (R-SLA-2). Any other bank is refused like a
   * caller who may not see the card.
   *
   * @param appliedThrough the channel of the card's application, null for a replacement card
   */
  static void checkProduced(
      CardState state,
      Channel appliedThrough,
      String cardNumber,
      String actorRole,
      String actorId,
      String channel) {
    if ("BANK".equals(actorRole)) {
      requireOnTheSpotProductionBy(state, appliedThrough, actorId, channel);
    }
    LifecycleOrder.requireInProduction(state, "record the card as produced");
    if (!isCardNumber(cardNumber)) {
      throw cardNumberRefused();
    }
  }

  /** R-SLA-2: only the issuing bank, at an instant outlet, for a card applied for at one. */
  private static void requireOnTheSpotProductionBy(
      CardState state, Channel appliedThrough, String bank, String channel) {
    if (bank == null || !bank.equals(state.bankCode())) {
      throw RuleViolation.forbidden(
          "ACCESS-DENIED", "您无权办理或查询此项业务。", "a bank reports production only of its own cards");
    }
    if (appliedThrough != Channel.BANK_OUTLET_INSTANT || !Channel.BANK_OUTLET_INSTANT.is(channel)) {
      throw conflict(
          "R-SLA-2",
          "银行仅可登记在本行即时制卡网点申领、现场制卡的卡片；其他卡片由制卡机构报告制卡结果。",
          "on-the-spot production is for cards applied for at an instant outlet, reported there");
    }
  }

  /** Whether {@code value} is a card number as printed: 9 digits or capital letters. */
  static boolean isCardNumber(String value) {
    return value != null && CARD_NUMBER.matcher(value).matches();
  }

  /** INPUT-CARD-NUMBER: the refusal of a card number that is not one. */
  static RuleViolation cardNumberRefused() {
    return invalidInput(
        "INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "card number must match [0-9A-Z]{9}");
  }
}
