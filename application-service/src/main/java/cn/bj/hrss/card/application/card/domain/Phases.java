package cn.bj.hrss.card.application.card.domain;

import static cn.bj.hrss.card.application.card.domain.District.CHANGPING;
import static cn.bj.hrss.card.application.card.domain.District.CHAOYANG;
import static cn.bj.hrss.card.application.card.domain.District.DAXING;
import static cn.bj.hrss.card.application.card.domain.District.DONGCHENG;
import static cn.bj.hrss.card.application.card.domain.District.ECONOMIC_DEVELOPMENT_AREA;
import static cn.bj.hrss.card.application.card.domain.District.FANGSHAN;
import static cn.bj.hrss.card.application.card.domain.District.FENGTAI;
import static cn.bj.hrss.card.application.card.domain.District.HAIDIAN;
import static cn.bj.hrss.card.application.card.domain.District.HUAIROU;
import static cn.bj.hrss.card.application.card.domain.District.MENTOUGOU;
import static cn.bj.hrss.card.application.card.domain.District.MIYUN;
import static cn.bj.hrss.card.application.card.domain.District.PINGGU;
import static cn.bj.hrss.card.application.card.domain.District.SHIJINGSHAN;
import static cn.bj.hrss.card.application.card.domain.District.SHUNYI;
import static cn.bj.hrss.card.application.card.domain.District.TONGZHOU;
import static cn.bj.hrss.card.application.card.domain.District.XICHENG;
import static cn.bj.hrss.card.application.card.domain.District.YANQING;

import java.time.LocalDate;
import java.util.Map;

/**
 * When each group may apply: the five batches and the pilot (R-PHASE-1), then everyone (R-PHASE-2).
 */
public final class Phases {

  /** The pilot districts' employers have been open since the pilot began. */
  public static final LocalDate PILOT = LocalDate.of(2024, 1, 31);

  public static final LocalDate BATCH_1 = LocalDate.of(2024, 10, 30);
  public static final LocalDate BATCH_2 = LocalDate.of(2025, 2, 1);
  public static final LocalDate BATCH_3 = LocalDate.of(2025, 5, 1);

  /** All individual insured persons. */
  public static final LocalDate BATCH_4 = LocalDate.of(2025, 8, 1);

  /** All retirees. */
  public static final LocalDate BATCH_5 = LocalDate.of(2025, 10, 1);

  /** R-PHASE-2: the normal phase; anyone not yet exchanged, online or offline. */
  public static final LocalDate NORMAL_PHASE = LocalDate.of(2026, 1, 1);

  /** Employed staff: the batch opens by the district of their employer. */
  private static final Map<District, LocalDate> STAFF_BY_EMPLOYER_DISTRICT =
      Map.ofEntries(
          Map.entry(XICHENG, PILOT),
          Map.entry(SHIJINGSHAN, PILOT),
          Map.entry(HUAIROU, PILOT),
          Map.entry(FANGSHAN, BATCH_1),
          Map.entry(SHUNYI, BATCH_1),
          Map.entry(CHANGPING, BATCH_1),
          Map.entry(DAXING, BATCH_1),
          Map.entry(PINGGU, BATCH_1),
          Map.entry(ECONOMIC_DEVELOPMENT_AREA, BATCH_1),
          Map.entry(HAIDIAN, BATCH_2),
          Map.entry(FENGTAI, BATCH_2),
          Map.entry(TONGZHOU, BATCH_2),
          Map.entry(YANQING, BATCH_2),
          Map.entry(DONGCHENG, BATCH_3),
          Map.entry(CHAOYANG, BATCH_3),
          Map.entry(MENTOUGOU, BATCH_3),
          Map.entry(MIYUN, BATCH_3));

  private Phases() {}

  /** The first day {@code person} may apply (R-PHASE-1; at the latest R-PHASE-2). */
  public static LocalDate opensOn(InsuredCategory category, District employerDistrict) {
    return switch (category) {
      case EMPLOYED_STAFF -> STAFF_BY_EMPLOYER_DISTRICT.get(employerDistrict);
      case RETIREE -> BATCH_5;
      case MINOR, COLLEGE_STUDENT, FLEXIBLE_WORKER, URBAN_RURAL_RESIDENT -> BATCH_4;
    };
  }

  /** Whether {@code date} is in the normal phase (R-PHASE-2) rather than the concentrated one. */
  public static boolean isNormalPhase(LocalDate date) {
    return !date.isBefore(NORMAL_PHASE);
  }
}
