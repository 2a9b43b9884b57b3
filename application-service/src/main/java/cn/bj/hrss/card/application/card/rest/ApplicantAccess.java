package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.ApplicationPolicy;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.contract.event.IdNumber;

/**
 * For whom a caller may apply (issues 8 and 16). A citizen applies for themself, or for a minor
 * whose guardian they are recorded to be (R-BANK-4: the registry, or a check in person at an
 * outlet; never because the application names them): their verified ID number must be the
 * applicant's, or the guardian's named in the application and recorded as such, and the applicant
 * under 18. A bank applies at its outlets only for a card of its own. An employer or a university
 * applies collectively only for its own staff or students, which the application rules check
 * against the registry (R-CHAN-3, R-BANK-2, R-BANK-3).
 */
final class ApplicantAccess {

  private ApplicantAccess() {}

  /** The caller as the application records them (a citizen may become GUARDIAN), or a refusal. */
  static CallerContext applyingAs(
      CallerContext caller, CardRequests.SubmitApplication body, CardAccess access) {
    if (caller.is("CITIZEN")
        && body.applicant() != null
        && IdNumber.isValid(body.applicant().idNumber())) {
      // An application with a malformed ID number is refused as bad input by the rules (400).
      String verified = caller.verifiedIdNumber();
      if (verified.equals(body.applicant().idNumber())) {
        return caller;
      }
      if (body.guardian() != null && verified.equals(body.guardian().idNumber())) {
        // The same refusal whatever the registry knows of the applicant: it depends only on the
        // caller's own recorded relations and on the age the ID number itself shows.
        if (!access.actsAsGuardian(verified, body.applicant().idNumber())) {
          throw ApplicationPolicy.notARecordedGuardian();
        }
        return caller.asGuardian();
      }
      throw CardAccess.notForThisCaller();
    }
    if (caller.is("BANK") && !caller.actorId().equals(body.bankCode())) {
      throw CardAccess.notForThisCaller();
    }
    return caller;
  }
}
