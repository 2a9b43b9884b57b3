package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import java.time.LocalDate;

/**
 * What only the holder, or the recorded guardian of a minor holder, does for their card through a
 * citizen's channel (whose card it is was checked by security/CardAccess; a guardian acts as
 * GUARDIAN): change the mobile number the notices go to (S-MOBILE-1), confirm that a mailed card
 * arrived (S-MAIL-1). Anyone else is refused exactly like a card that is not there.
 */
final class HolderPolicy {

  private HolderPolicy() {}

  /**
   * S-MOBILE-1: the holder changes their own number (HOLDER), the guardian theirs (GUARDIAN); a
   * mainland mobile number as at application (INPUT-MOBILE); a minor holder's number by the
   * guardian, not with the minor's own account (R-BANK-4); not on a replaced card (nor, by {@link
   * LifecycleOrder#requireNotEnded}, on a card whose life has ended).
   */
  static MobileNumberChanged checkMobileChange(
      CardState state, String mobile, String actorRole, LocalDate today) {
    String of = whoseNumber(actorRole);
    Guardianship.requireTheGuardianForAMinor(actorRole, state.holder(), today);
    if (state.status() == CardStatus.REPLACED) {
      throw conflict("S-MOBILE-1", "该卡已补领新卡，原卡不再使用，请在新卡上变更手机号码。", "the card was replaced");
    }
    ApplicationPolicy.checkMobile("mobile", mobile);
    if (MobileNumberChanged.HOLDER.equals(of)
        && state.holder() != null
        && mobile.equals(state.holder().mobile())) {
      throw conflict("S-MOBILE-1", "新手机号码与当前登记的号码相同，无需变更。", "the number is the same").at("mobile");
    }
    return new MobileNumberChanged(of, mobile);
  }

  /**
   * S-MAIL-1: the holder confirms that the mailed card reached them; only a card dispatched by mail
   * and not yet delivered.
   */
  static void checkReceipt(CardState state, String actorRole) {
    whoseNumber(actorRole);
    if (state.status() != CardStatus.DISPATCHED
        || state.collection().method() != CollectionMethod.MAIL) {
      throw conflict(
          "S-MAIL-1",
          "该卡不是已寄出、待签收的邮寄卡，无需确认收卡。",
          "receipt confirmed for a card that is "
              + state.status()
              + " by "
              + state.collection().method());
    }
  }

  /** HOLDER for the holder, GUARDIAN for their guardian; anyone else as for no card. */
  private static String whoseNumber(String actorRole) {
    if ("CITIZEN".equals(actorRole)) {
      return MobileNumberChanged.HOLDER;
    }
    if (ApplicationPolicy.GUARDIAN.equals(actorRole)) {
      return MobileNumberChanged.GUARDIAN;
    }
    throw BankChangePolicy.notThere();
  }
}
