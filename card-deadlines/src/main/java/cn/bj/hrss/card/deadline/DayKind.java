package cn.bj.hrss.card.deadline;

/** How a year's holiday arrangement classes a day that it lists. */
public enum DayKind {
  /** A public holiday (法定节假日 or a day the arrangement adds to it), whatever weekday it is. */
  OFF,
  /** A Saturday or Sunday that is a working day by adjustment (调休上班). */
  WORK
}
