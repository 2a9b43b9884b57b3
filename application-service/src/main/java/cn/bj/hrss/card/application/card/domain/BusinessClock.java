package cn.bj.hrss.card.application.card.domain;

import java.time.LocalDate;

/**
 * The business date in Beijing, on which the dated rules (R-PHASE-*, R-CHAN-*, ages for R-BANK-4)
 * are decided. Injectable, so that tests and the demo can run as of any day.
 */
@FunctionalInterface
public interface BusinessClock {

  LocalDate today();
}
