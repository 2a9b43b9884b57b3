package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.IdNumber;

/**
 * For whom a caller may apply (issue 8). A citizen applies for themself, or as the guardian of a
 * minor when the application names them as guardian (R-BANK-4): their verified ID number must be
 * the applicant's or the guardian's. A bank applies at its outlets only for a card of its own. An
 * employer or a university applies collectively only for its own staff or students, which the
 * application rules check against the registry (R-CHAN-3, R-BANK-2, R-BANK-3).
 */
final class ApplicantAccess {

  private ApplicantAccess() {}

  /** The caller as the application records them (a citizen may become GUARDIAN), or a refusal. */
  static CallerContext applyingAs(CallerContext caller, CardRequests.SubmitApplication body) {
    if (caller.is("CITIZEN")
        && body.applicant() != null
        && IdNumber.isValid(body.applicant().idNumber())) {
      // An application with a malformed ID number is refused as bad input by the rules (400).
      String verified = caller.verifiedIdNumber();
      if (verified.equals(body.applicant().idNumber())) {
        return caller;
      }
      if (body.guardian() != null && verified.equals(body.guardian().idNumber())) {
        return caller.asGuardian();
      }
      throw CallerContext.denied("a citizen applies for themself or, as guardian, for a minor");
    }
    if (caller.is("BANK") && !caller.actorId().equals(body.bankCode())) {
      throw CallerContext.denied("a bank applies only for cards it issues");
    }
    return caller;
  }
}
