package cn.bj.hrss.card.deadline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * China's official working-day calendar (R-SLA-3), kept as data: the State Council notices' public
 * holidays (OFF) and adjusted working weekend days (调休, WORK), one line each, for whole years. A
 * day is a working day when it is Monday to Friday and not OFF, or when it is listed as WORK.
 *
 * <p>The calendar covers whole years only, from the first to the last year its lines name. Asking
 * about any day outside them throws {@link DateOutsideCalendarException}: a deadline is never
 * guessed from a year whose notice is not in the data.
 */
public final class OfficialCalendar {

  /** The calendar shipped with the service (a copy of shared/domain's file, comments kept). */
  public static final String RESOURCE = "/calendar/cn-official-calendar-2024-2026.csv";

  /** How the State Council notice classes a day that is listed. */
  enum Kind {
    /** A public holiday (法定节假日), including weekdays it moves into the holiday. */
    OFF,
    /** A weekend day that is a working day by adjustment (调休上班). */
    WORK
  }

  private final Map<LocalDate, Kind> listed;
  private final int firstYear;
  private final int lastYear;

  private OfficialCalendar(Map<LocalDate, Kind> listed, int firstYear, int lastYear) {
    this.listed = Map.copyOf(listed);
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }

  /** The calendar shipped with the service. */
  public static OfficialCalendar official() {
    try (InputStream in = OfficialCalendar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the official calendar " + RESOURCE + " is missing");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the official calendar " + RESOURCE, e);
    }
  }

  /**
   * Reads the CSV: {@code date,kind,name}; a header line; lines starting with {@code #} are
   * comments. Any other line that does not parse is an error, never skipped.
   */
  static OfficialCalendar parse(InputStream csv) throws IOException {
    Map<LocalDate, Kind> listed = new HashMap<>();
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#") || text.startsWith("date,")) {
        continue;
      }
      String[] fields = text.split(",", 3);
      try {
        LocalDate date = LocalDate.parse(fields[0]);
        Kind kind = Kind.valueOf(fields[1]);
        if (listed.put(date, kind) != null) {
          throw new IllegalStateException(
              "official calendar line " + number + ": " + date + " twice");
        }
        first = Math.min(first, date.getYear());
        last = Math.max(last, date.getYear());
      } catch (DateTimeParseException
          | IllegalArgumentException
          | ArrayIndexOutOfBoundsException e) {
        throw new IllegalStateException(
            "official calendar line " + number + " is not date,OFF|WORK,name: " + line, e);
      }
    }
    if (listed.isEmpty()) {
      throw new IllegalStateException("the official calendar lists no day");
    }
    return new OfficialCalendar(listed, first, last);
  }

  public int firstYear() {
    return firstYear;
  }

  public int lastYear() {
    return lastYear;
  }

  /**
   * A working day (工作日): Monday to Friday and not a public holiday, or an adjusted working weekend
   * day.
   */
  public boolean isWorkingDay(LocalDate day) {
    Kind kind = kindOf(day);
    if (kind == Kind.WORK) {
      return true;
    }
    if (kind == Kind.OFF) {
      return false;
    }
    return !isWeekend(day);
  }

  /** A public holiday of the State Council notice (法定节假日, OFF), whatever weekday it falls on. */
  public boolean isPublicHoliday(LocalDate day) {
    return kindOf(day) == Kind.OFF;
  }

  /** The first working day after {@code day}. */
  public LocalDate nextWorkingDayAfter(LocalDate day) {
    LocalDate next = day.plusDays(1);
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  /**
   * Checks that the calendar covers {@code day}.
   *
   * @throws DateOutsideCalendarException if it does not
   */
  public void requireCovered(LocalDate day) {
    if (day.getYear() < firstYear || day.getYear() > lastYear) {
      throw new DateOutsideCalendarException(day, firstYear, lastYear);
    }
  }

  private Kind kindOf(LocalDate day) {
    requireCovered(day);
    return listed.get(day);
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
