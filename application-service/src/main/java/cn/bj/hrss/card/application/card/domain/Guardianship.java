package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.RuleViolation.conflict;

import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.IdNumber;
import java.time.LocalDate;

/**
 * R-BANK-4: who acts for a minor. A guardian acts for a minor only where the relation is recorded
 * (the registry's guardians of the minor, or a check of the documents in person by the staff of an
 * outlet; {@link ReferenceData#isRecordedGuardian}), never because an application names them, and
 * only until the minor's 18th birthday: from that day the holder alone acts (ADR 22).
 */
public final class Guardianship {

  /** The age from which a person acts for themself (FACTS.md: minors are under 18). */
  public static final int AGE_OF_MAJORITY = 18;

  private Guardianship() {}

  /** Whether the holder of {@code idNumber} is a minor on {@code date} (age from the ID number). */
  public static boolean isMinorOn(String idNumber, LocalDate date) {
    return IdNumber.ageOn(idNumber, date) < AGE_OF_MAJORITY;
  }

  /**
   * R-BANK-4: a minor holder does not act on their card with their own citizen account (role
   * CITIZEN, the holder themself: security/CardAccess lets them see it): their recorded guardian
   * acts for them (as GUARDIAN) until the 18th birthday; from that day the holder does.
   */
  static void requireTheGuardianForAMinor(String actorRole, Applicant holder, LocalDate date) {
    if ("CITIZEN".equals(actorRole)
        && holder != null
        && IdNumber.isValid(holder.idNumber())
        && isMinorOn(holder.idNumber(), date)) {
      throw conflict(
          "R-BANK-4",
          "持卡人未满18周岁，此项业务须由家长或其他监护人使用本人账号代为办理。",
          "the holder is a minor: their guardian acts for them until the 18th birthday");
    }
  }

  /**
   * Whether {@code guardianIdNumber} acts for {@code minorIdNumber} on {@code date}: the minor is
   * under 18, the guardian is not, and the relation is recorded and not withdrawn.
   */
  public static boolean actsFor(
      String guardianIdNumber, String minorIdNumber, LocalDate date, ReferenceData data) {
    return IdNumber.isValid(guardianIdNumber)
        && IdNumber.isValid(minorIdNumber)
        && !guardianIdNumber.equals(minorIdNumber)
        && isMinorOn(minorIdNumber, date)
        && !isMinorOn(guardianIdNumber, date)
        && data.isRecordedGuardian(minorIdNumber, guardianIdNumber);
  }
}
