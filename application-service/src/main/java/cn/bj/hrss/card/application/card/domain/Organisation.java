package cn.bj.hrss.card.application.card.domain;

import java.util.Set;

/**
 * An employer or a university that organises collective applications.
 *
 * @param banks the at most 3 cooperating banks it chose (R-BANK-2, R-BANK-3); empty while it has
 *     not opened a collective application (R-CHAN-3)
 * @param doorToDoorDelivery whether it asked the banks for door-to-door delivery (R-PICK-1,
 *     R-PICK-4)
 */
public record Organisation(
    String id,
    Kind kind,
    String name,
    District district,
    Set<String> banks,
    boolean doorToDoorDelivery) {

  /** Employers run collective applications for staff, universities for students insured en bloc. */
  public enum Kind {
    EMPLOYER,
    UNIVERSITY
  }

  /** R-BANK-2, R-BANK-3: at most three banks. */
  public static final int MAX_BANKS = 3;

  public boolean hasOpenedCollectiveApplication() {
    return !banks.isEmpty();
  }
}
