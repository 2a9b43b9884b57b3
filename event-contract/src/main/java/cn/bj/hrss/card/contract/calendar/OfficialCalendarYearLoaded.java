package cn.bj.hrss.card.contract.calendar;

import java.time.Instant;
import java.util.List;

/**
 * An operator loaded a year's official holiday arrangement (the State Council's 部分节假日安排 notice)
 * into application-service, which owns the calendar; version 1 of this message. Published on {@code
 * official-calendar.v1}, keyed by the year. A later version of the same year replaces an earlier
 * one; a reader keeps the highest version of each year. The days not listed are working days from
 * Monday to Friday and rest days on Saturday and Sunday.
 *
 * @param calendarId unique and stable id, {@code <year>-v<version>}; readers deduplicate on it
 * @param year the year the arrangement covers
 * @param version 1, 2, … per year; the years shipped with the suite (2024-2026) are version 1
 * @param notice the notice it follows, as the operator named it
 * @param loadedBy the operator's account ({@code shipped} for the shipped years)
 * @param loadedAt when it was loaded
 * @param days every listed day of the year, in date order
 */
public record OfficialCalendarYearLoaded(
    String calendarId,
    int year,
    int version,
    String notice,
    String loadedBy,
    Instant loadedAt,
    List<CalendarDay> days) {}
