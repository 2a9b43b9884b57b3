package cn.bj.hrss.card.application.card.domain;

import java.util.Optional;

/**
 * What the rules need to know beyond the card itself: who is insured (R-ELIG-1), employers and
 * universities with their chosen banks (R-BANK-2, R-BANK-3), outlets (R-PICK-*), the cooperating
 * banks (R-BANK-1) and the recorded guardians of minors (R-BANK-4). All of it is data an operator
 * keeps (or, for a guardian checked in person, the staff of an outlet).
 */
public interface ReferenceData extends CooperatingBanks {

  Optional<InsuredPerson> insuredPerson(String idNumber);

  Optional<Organisation> organisation(String id);

  Optional<Outlet> outlet(String name);

  /**
   * R-BANK-4: whether the relation "{@code guardianIdNumber} is a guardian of {@code
   * minorIdNumber}" is recorded and in force (imported with the registry, or checked in person at
   * an outlet). Ages are not considered here: see {@link Guardianship#actsFor}.
   */
  boolean isRecordedGuardian(String minorIdNumber, String guardianIdNumber);
}
