package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

/**
 * LIFECYCLE-ORDER: a command that records a step of the card's way to its holder comes only when
 * the card is at the step before; and no command at all comes after the card's life has ended
 * ({@link #requireNotEnded}).
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

  /**
   * Commands after the end: a card whose life has ended refuses every later command, whatever it
   * asks, the same ending again included (CardAggregate's command handler interceptor calls this
   * before each command on an existing card). S-WITHDRAW-1: a withdrawn application; S-END-1: a
   * cancelled card (the holder died or emigrated).
   */
  static void requireNotEnded(CardState state) {
    if (state.status() == CardStatus.CANCELLED) {
      throw conflict(
          "S-END-1",
          "该卡已注销（持卡人身故、出境定居等），不能再办理任何业务。",
          "the card is cancelled: no command applies to it any more");
    }
    if (state.status() == CardStatus.WITHDRAWN) {
      throw conflict(
          "S-WITHDRAW-1",
          "该申领已撤回，不能再办理此项业务。如仍需第三代社保卡，请重新申领。",
          "the application was withdrawn: the card takes no further command");
    }
  }

  /** The card is being produced: requested, or produced once without success. */
  static void requireInProduction(CardState state, String action) {
    if (state.status() != CardStatus.PRODUCTION_FAILED) {
      require(state, CardStatus.REQUESTED, action);
    }
  }
}
