package cn.bj.hrss.card.application.card.domain;

import java.util.Set;

/**
 * The cooperating banks that may issue cards (R-BANK-1), by short code. Kept as data (the
 * cooperating_bank table) so that an operator can add the 16th bank without a release.
 */
public interface CooperatingBanks {

  Set<String> codes();

  default boolean isCooperating(String bankCode) {
    return bankCode != null && codes().contains(bankCode);
  }
}
