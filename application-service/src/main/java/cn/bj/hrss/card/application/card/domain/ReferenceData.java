package cn.bj.hrss.card.application.card.domain;

import java.util.Optional;

/**
 * What the rules need to know beyond the card itself: who is insured (R-ELIG-1), employers and
 * universities with their chosen banks (R-BANK-2, R-BANK-3), outlets (R-PICK-*), and the
 * cooperating banks (R-BANK-1). All of it is data an operator keeps.
 */
public interface ReferenceData extends CooperatingBanks {

  Optional<InsuredPerson> insuredPerson(String idNumber);

  Optional<Organisation> organisation(String id);

  Optional<Outlet> outlet(String name);
}
