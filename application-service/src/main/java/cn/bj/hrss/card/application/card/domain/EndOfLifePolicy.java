package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;
import static cn.bj.hrss.card.application.card.domain.RuleViolation.invalidInput;

import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.contract.event.CardCancelled;
import java.util.Set;

/**
 * S-END-1: the card's life ends when its holder died or emigrated, as the insured registry says, or
 * when an operator decides so with a reason in words. Only a live card ends: not one withdrawn or
 * replaced, and not twice; after it, the card refuses every command ({@link
 * LifecycleOrder#requireNotEnded}, called by {@link CardAggregate}'s command handler interceptor
 * {@code refuseCommandsAfterTheEnd}). The holder's one-application claim is released with the
 * cancellation (card/CardEndings); while the registry says the person died or emigrated they do not
 * apply ({@link ApplicationPolicy#checkNotEnded}).
 */
final class EndOfLifePolicy {

  static final String RULE = "S-END-1";

  /** The longest note an operator gives. */
  static final int MAX_NOTE_LENGTH = 200;

  private static final Set<String> REASONS =
      Set.of(CardCancelled.DECEASED, CardCancelled.EMIGRATED, CardCancelled.OTHER);

  /** What the registry says of a person: it ends their cards. */
  private static final Set<String> REGISTRY_REASONS =
      Set.of(CardCancelled.DECEASED, CardCancelled.EMIGRATED);

  private EndOfLifePolicy() {}

  /** S-END-1: the cancellation of the card; returns the event. */
  static CardCancelled check(CardState state, CancelCard command) {
    if (command.reason() == null || !REASONS.contains(command.reason())) {
      throw invalidInput(RULE, "请选择注销原因：死亡、出境定居或其他。", "the reason is DECEASED, EMIGRATED or OTHER")
          .at("reason");
    }
    String note = command.note();
    if (CardCancelled.OPERATOR.equals(command.source())) {
      if (!PlainText.isPlain(note, MAX_NOTE_LENGTH)) {
        throw invalidInput(
                RULE,
                "请填写注销说明（不超过200字，不含换行等控制字符）。",
                "an operator's cancellation needs a note of at most 200 characters, no control"
                    + " characters")
            .at("note");
      }
    } else if (CardCancelled.REGISTRY.equals(command.source())) {
      if (!REGISTRY_REASONS.contains(command.reason())) {
        throw invalidInput(
                RULE, "参保登记只能因死亡或出境定居注销社保卡。", "the registry ends a card as DECEASED or EMIGRATED")
            .at("reason");
      }
      note = null;
    } else {
      throw new IllegalArgumentException("a cancellation comes from the registry or an operator");
    }
    if (state.status() == CardStatus.WITHDRAWN || state.status() == CardStatus.REPLACED) {
      throw conflict(
          RULE,
          "该卡当前状态为“" + state.status().chineseName() + "”，已不在使用中，无需注销。",
          "a card that is " + state.status() + " is not live and is not cancelled");
    }
    return new CardCancelled(command.reason(), command.source(), note);
  }
}
