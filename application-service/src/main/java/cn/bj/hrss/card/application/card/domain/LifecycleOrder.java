package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

/**
 * LIFECYCLE-ORDER: a command that records a step of the card's way to its holder comes only when
 * the card is at the step before.
 */
final class LifecycleOrder {

  private LifecycleOrder() {}

  /** The card must be in {@code expected}; refused with LIFECYCLE-ORDER otherwise. */
  static void require(CardState state, CardStatus expected, String action) {
    if (state.status() != expected) {
      throw conflict(
          "LIFECYCLE-ORDER",
          "当前卡片状态为“" + state.status().chineseName() + "”，不能办理此项业务。",
          "cannot " + action + " when the card is " + state.status() + "; it must be " + expected);
    }
  }

  /** The card is being produced: requested, or produced once without success. */
  static void requireInProduction(CardState state, String action) {
    if (state.status() != CardStatus.PRODUCTION_FAILED) {
      require(state, CardStatus.REQUESTED, action);
    }
  }
}
