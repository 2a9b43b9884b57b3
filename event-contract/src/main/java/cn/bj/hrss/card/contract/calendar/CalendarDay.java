package cn.bj.hrss.card.contract.calendar;

import java.time.LocalDate;

/**
 * One day a year's holiday arrangement lists.
 *
 * @param date the day
 * @param kind {@code OFF} (a holiday, whatever weekday it falls on) or {@code WORK} (a Saturday or
 *     Sunday worked by adjustment, 调休上班)
 * @param name the festival, as the notice names it (元旦, 春节, …)
 */
public record CalendarDay(LocalDate date, String kind, String name) {}
