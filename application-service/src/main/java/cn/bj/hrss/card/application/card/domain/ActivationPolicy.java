package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

import cn.bj.hrss.card.application.card.command.ActivateFinancialFunction;
import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;

/**
 * When a card in the holder's hands starts working: its social-security function once it is
 * collected or delivered (R-OLD-1, R-OLD-2), its financial function only in person at an outlet of
 * the issuing bank (R-PICK-3), door to door for a card delivered so (R-PICK-4), never while it is
 * reported lost (R-LOSS-1).
 */
final class ActivationPolicy {

  private ActivationPolicy() {}

  /** R-OLD-1, R-OLD-2: the social-security function, once, with the card in the holder's hands. */
  static void checkEnabling(CardState state) {
    if (state.status() == CardStatus.ACTIVE) {
      throw conflict("R-OLD-2", "该卡社保功能已启用。", "the social-security function is already enabled");
    }
    if (state.status() != CardStatus.COLLECTED && state.status() != CardStatus.DELIVERED) {
      throw conflict(
          "R-OLD-1",
          "新卡尚未交到持卡人手中，不能启用；启用前旧卡照常使用。",
          "the card is " + state.status() + "; it can be enabled once collected or delivered");
    }
  }

  /**
   * R-PICK-3, R-PICK-4, R-LOSS-1: the financial function, in person at a registered outlet of the
   * issuing bank; door to door (R-PICK-4), the outlet whose staff came. Returns the outlet as
   * registered: no typed text reaches a notice.
   */
  static RegisteredOutlet checkFinancialActivation(
      CardState state, ActivateFinancialFunction command, ReferenceData data, String channel) {
    LossPolicy.requireNoLossReport(state, "激活金融功能");
    if (state.financialFunctionActive()) {
      throw conflict("R-PICK-3", "该卡金融功能已激活。", "the financial function is already active");
    }
    if (state.status() != CardStatus.COLLECTED
        && state.status() != CardStatus.DELIVERED
        && state.status() != CardStatus.ACTIVE) {
      throw conflict(
          "R-PICK-3",
          "新卡尚未交到持卡人手中，不能激活金融功能。",
          "the card is " + state.status() + "; activation needs the card in the holder's hands");
    }
    if (!state.bankCode().equals(command.bankCode())) {
      throw conflict(
          "R-PICK-3",
          "金融功能只能在发卡银行的网点激活。",
          "activation by " + command.bankCode() + ", but the issuing bank is " + state.bankCode());
    }
    Channel via = Channel.named(channel).orElse(null);
    boolean doorToDoor = via == Channel.BANK_DOOR_TO_DOOR;
    if (!Channel.IN_PERSON_AT_A_BANK.contains(via)
        || (doorToDoor && state.collection().method() != CollectionMethod.DOOR_TO_DOOR)) {
      throw conflict(
          doorToDoor ? "R-PICK-4" : "R-PICK-3",
          "金融功能须本人持卡到发卡银行网点激活。",
          "activation must be in person at an outlet of the issuing bank, not through " + channel);
    }
    return DeliveryPolicy.outletOfTheIssuingBank(
        state, data, command.outletName(), "R-PICK-3", "激活网点");
  }
}
