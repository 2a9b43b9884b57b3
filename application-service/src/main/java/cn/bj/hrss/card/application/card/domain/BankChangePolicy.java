package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.application.card.command.ChangeIssuingBank;
import cn.bj.hrss.card.contract.event.Channel;

/**
 * R-BANK-6: after receiving the card, a retiree may move it to another cooperating bank (R-BANK-1).
 * The holder asks for it; a bank acts only in person at its own outlet, as the new bank, with the
 * card and the holder's ID presented there (the printed number and the ID number must be this
 * card's). For a bank, anything else is refused exactly like a card that is not there.
 */
final class BankChangePolicy {

  private BankChangePolicy() {}

  static void check(
      CardState state,
      ChangeIssuingBank command,
      ReferenceData data,
      String actorRole,
      String actorId,
      String channel) {
    if ("BANK".equals(actorRole)) {
      requireInPersonAtTheNewBank(state, command, data, actorId, channel);
    }
    LossPolicy.requireNoLossReport(state, "更换发卡银行");
    if (!InsuredCategory.RETIREE.name().equals(category(state, data))) {
      throw conflict(
          "R-BANK-6", "领卡后更换发卡银行适用于离退休人员。", "a bank change after receipt is for retirees");
    }
    if (!state.isInHoldersHands()) {
      throw conflict("R-BANK-6", "领取第三代社保卡后方可更换银行。", "the card is " + state.status());
    }
    if (!data.isCooperating(command.bankCode())) {
      throw invalidInput("R-BANK-1", "所选银行不是社保卡合作银行。", "not a cooperating bank").at("bankCode");
    }
    if (command.bankCode().equals(state.bankCode())) {
      throw invalidInput("R-BANK-6", "所选银行即当前发卡银行。", "the card is already with this bank")
          .at("bankCode");
    }
  }

  /**
   * R-BANK-6 at a bank: the bank is the new bank, the holder is in front of its staff at a
   * registered outlet of its own, and presents this card (its printed number) and their ID (the
   * holder's ID number). Any other bank request is refused as for a card that is not there.
   */
  private static void requireInPersonAtTheNewBank(
      CardState state, ChangeIssuingBank command, ReferenceData data, String bank, String channel) {
    Outlet outlet =
        command.outletName() == null ? null : data.outlet(command.outletName()).orElse(null);
    boolean inPerson =
        bank != null
            && bank.equals(command.bankCode())
            && (Channel.BANK_OUTLET.is(channel) || Channel.BANK_OUTLET_INSTANT.is(channel))
            && outlet != null
            && outlet.isBankOutlet()
            && bank.equals(outlet.bankCode())
            && state.cardNumber() != null
            && state.cardNumber().equals(command.cardNumber())
            && state.holder() != null
            && state.holder().idNumber().equals(command.idNumber());
    if (!inPerson) {
      throw notThere();
    }
  }

  /**
   * The refusal of a card the caller may not act on, word for word the one of a card that does not
   * exist (security/CardAccess), so that it tells nothing.
   */
  static RuleViolation notThere() {
    return RuleViolation.forbidden("ACCESS-DENIED", "您无权办理或查询此项业务。", "not a card of this caller");
  }

  /**
   * The holder's category: the card's own (kept on a replacement card, R-BANK-6), or, for a
   * replacement card made before ReplacementCardIssued recorded it, the registry's.
   */
  private static String category(CardState state, ReferenceData data) {
    if (state.category() != null || state.holder() == null) {
      return state.category();
    }
    return data.insuredPerson(state.holder().idNumber())
        .map(person -> person.category().name())
        .orElse(null);
  }
}
