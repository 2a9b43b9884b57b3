package cn.bj.hrss.card.deadline;

import java.time.LocalDate;

/**
 * The legal production deadline (制卡时限) of one application.
 *
 * @param rule the rule that sets the period: R-SLA-1, R-SLA-2, R-SLA-3 or R-SLA-4
 * @param applicationDate the day of application in Beijing (Asia/Shanghai); not counted (R-SLA-5)
 * @param dueDate the last day of the period; production is due by 24:00 that day (R-SLA-5)
 */
public record ProductionDeadline(String rule, LocalDate applicationDate, LocalDate dueDate) {}
