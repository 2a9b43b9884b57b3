package cn.bj.hrss.card.application.card.domain;

import java.time.LocalDate;

/**
 * What a person who lost or damaged a card is told to do. This system issues third-generation cards
 * only, so the answer is always a refusal that says where to go.
 */
public final class OldGenerationCards {

  private OldGenerationCards() {}

  /**
   * @param thirdGeneration the status of the person's current third-generation card (the
   *     replacement's, if it was replaced); null when the person has not applied for one
   */
  public static RuleViolation replacementAnswer(CardStatus thirdGeneration, LocalDate today) {
    if (thirdGeneration == CardStatus.COLLECTED
        || thirdGeneration == CardStatus.DELIVERED
        || thirdGeneration == CardStatus.ACTIVE) {
      return RuleViolation.conflict(
          "R-LOSS-1",
          "您已领取第三代社保卡。如卡片丢失或损坏，请携带本人有效身份证件到发卡银行即时制卡服务网点现场补领或换领。",
          "the person has a third-generation card in hand: replace it at an instant outlet");
    }
    if (thirdGeneration != null) {
      // R-LOSS-1 is for a card received: an instant outlet refuses a card not yet in hand, so the
      // person is not sent there (issue 17).
      return RuleViolation.conflict(
          "R-LOSS-1",
          "您申领的第三代社保卡正在办理中（当前状态："
              + thirdGeneration.chineseName()
              + "），尚未交到您手中，暂不能补领或换领。请在收到新卡后启用；新卡启用前，原社保卡照常使用。",
          "the third-generation card is "
              + thirdGeneration
              + ": not yet in hand, nothing to replace");
    }
    if (!Phases.isNormalPhase(today)) {
      return RuleViolation.conflict(
          "R-LOSS-2",
          "集中换发阶段，尚未开始办理第三代社保卡的人员，仍通过原方式补领或换领第一、二代社保卡。",
          "in the concentrated phase old cards are replaced the old way, outside this system");
    }
    return RuleViolation.conflict(
        "R-PHASE-2",
        "自2026年1月1日起，补领、换领均为第三代社保卡，请直接申领第三代社保卡。",
        "from 2026-01-01 every replacement is a third-generation card: apply for one");
  }
}
