package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.application.card.command.ReplaceCard;
import cn.bj.hrss.card.contract.event.Channel;

/**
 * A lost or damaged card (R-LOSS-1): reported lost (挂失) it is blocked until the report is cancelled
 * (解挂); it is replaced or exchanged on the spot at an instant-issuance outlet of the issuing bank,
 * after which the old card is no longer used.
 */
final class LossPolicy {

  private LossPolicy() {}

  /** R-LOSS-1: a card reported lost is blocked until the report is cancelled (解挂). */
  static void requireNoLossReport(CardState state, String action) {
    if (state.reportedLost()) {
      throw conflict(
          "R-LOSS-1",
          "该卡已挂失，不能" + action + "。如已找回卡片，请先解除挂失；如需补领，请到发卡银行即时制卡网点办理。",
          "the card is reported lost: " + action + " waits for the report's cancellation");
    }
  }

  /** 挂失: a card in the holder's hands, not replaced, not reported lost already. */
  static void checkLossReport(CardState state) {
    requireNotReplaced(state);
    if (!state.isInHoldersHands()) {
      throw conflict("LIFECYCLE-ORDER", "该卡尚未交到您手中，无需挂失。", "the card is " + state.status());
    }
    if (state.reportedLost()) {
      throw conflict("LOSS-REPORTED", "该卡已挂失。", "the card is already reported lost");
    }
  }

  /** 解挂: possible while no replacement has been made. */
  static void checkCancellation(CardState state) {
    requireNotReplaced(state);
    if (!state.reportedLost()) {
      throw conflict("LOSS-NOT-REPORTED", "该卡未挂失。", "the card is not reported lost");
    }
  }

  /** R-LOSS-1: replacement or exchange on the spot at an instant outlet of the issuing bank. */
  static void checkReplacement(
      CardState state, ReplaceCard command, ReferenceData data, String channel) {
    requireNotReplaced(state);
    if (!state.isInHoldersHands()) {
      throw conflict("R-LOSS-1", "领取第三代社保卡后方可补领或换领。", "the card is " + state.status());
    }
    if (!"LOST".equals(command.reason()) && !"DAMAGED".equals(command.reason())) {
      throw invalidInput("INPUT-MISSING", "请注明补换原因：丢失或损坏。", "reason must be LOST or DAMAGED")
          .at("reason");
    }
    Outlet outlet = data.outlet(command.outletName()).orElse(null);
    if (!Channel.BANK_OUTLET_INSTANT.is(channel)
        || outlet == null
        || outlet.kind() != Outlet.Kind.BANK_INSTANT
        || !state.bankCode().equals(outlet.bankCode())) {
      throw conflict(
          "R-LOSS-1",
          "请携带本人有效身份证件到发卡银行的即时制卡服务网点现场补领或换领。",
          "replacement only at an instant-issuance outlet of " + state.bankCode());
    }
    if (!ProductionPolicy.isCardNumber(command.newCardNumber())) {
      throw ProductionPolicy.cardNumberRefused().at("cardNumber");
    }
  }

  private static void requireNotReplaced(CardState state) {
    if (state.status() == CardStatus.REPLACED) {
      throw conflict(
          "R-LOSS-1", "该卡已补领新卡，原卡不再使用。", "the card was replaced by " + state.replacedBy());
    }
  }
}
