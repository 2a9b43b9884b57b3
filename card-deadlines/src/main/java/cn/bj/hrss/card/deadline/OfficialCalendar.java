package cn.bj.hrss.card.deadline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * China's working-day calendar (R-SLA-3, R-SLA-5): for each year the State Council's holiday
 * arrangement in its latest loaded version, and for a year whose notice is not loaded yet a
 * provisional year ({@link CalendarYear#provisional}) computed from the statutory holidays. No day
 * is ever "unknown"; a date computed on a provisional year says so ({@link ProductionDeadline}).
 *
 * <p>Immutable: a newly loaded year gives a new calendar ({@link #with}).
 */
public final class OfficialCalendar {

  /**
   * The years shipped with the suite, the first version of each (a copy of shared/domain's file).
   */
  public static final String SHIPPED_RESOURCE = "/calendar/cn-official-calendar-2024-2026.csv";

  private final Map<Integer, CalendarYear> official;
  private final Map<Integer, CalendarYear> provisional = new ConcurrentHashMap<>();

  private OfficialCalendar(Map<Integer, CalendarYear> official) {
    this.official = Map.copyOf(official);
  }

  /** The calendar of the shipped years alone (2024-2026, version 1 each). */
  public static OfficialCalendar shipped() {
    return of(shippedYears());
  }

  /** A calendar of these official years, the highest version of each year kept. */
  public static OfficialCalendar of(Collection<CalendarYear> years) {
    Map<Integer, CalendarYear> latest = new TreeMap<>();
    for (CalendarYear year : years) {
      if (year.provisional()) {
        throw new IllegalArgumentException("only official years are loaded: " + year);
      }
      latest.merge(year.year(), year, (a, b) -> a.version() >= b.version() ? a : b);
    }
    return new OfficialCalendar(latest);
  }

  /** This calendar with {@code year} in place of an older version of it (or this, if not newer). */
  public OfficialCalendar with(CalendarYear year) {
    List<CalendarYear> years = new ArrayList<>(official.values());
    years.add(year);
    return of(years);
  }

  /** The year's arrangement in force: its latest official version, else the provisional year. */
  public CalendarYear year(int year) {
    CalendarYear loaded = official.get(year);
    return loaded != null ? loaded : provisional.computeIfAbsent(year, CalendarYear::provisional);
  }

  public Optional<CalendarYear> officialYear(int year) {
    return Optional.ofNullable(official.get(year));
  }

  /** The official years, in year order. */
  public List<CalendarYear> officialYears() {
    return List.copyOf(new TreeMap<>(official).values());
  }

  /**
   * A working day (工作日): Monday to Friday and not a public holiday, or an adjusted working weekend
   * day.
   */
  public boolean isWorkingDay(LocalDate day) {
    return year(day.getYear()).isWorkingDay(day);
  }

  /** A public holiday of the year's arrangement (OFF), whatever weekday it falls on. */
  public boolean isPublicHoliday(LocalDate day) {
    return year(day.getYear()).isPublicHoliday(day);
  }

  /** The first working day after {@code day}. */
  public LocalDate nextWorkingDayAfter(LocalDate day) {
    LocalDate next = day.plusDays(1);
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  /** The shipped years, version 1 each, with the notice each follows. */
  public static List<CalendarYear> shippedYears() {
    try (InputStream in = OfficialCalendar.class.getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the shipped calendar " + SHIPPED_RESOURCE + " is missing");
      }
      Map<Integer, List<ListedDay>> byYear = new TreeMap<>();
      for (ListedDay day : parse(in)) {
        byYear.computeIfAbsent(day.date().getYear(), y -> new ArrayList<>()).add(day);
      }
      List<CalendarYear> years = new ArrayList<>();
      byYear.forEach(
          (year, days) -> years.add(CalendarYear.official(year, 1, shippedNotice(year), days)));
      return years;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped calendar " + SHIPPED_RESOURCE, e);
    }
  }

  static String shippedNotice(int year) {
    return "国务院办公厅关于" + year + "年部分节假日安排的通知";
  }

  /** The listed days as CSV lines {@code date,kind,name}, the shipped file's format, no header. */
  public static String csv(List<ListedDay> days) {
    StringBuilder text = new StringBuilder();
    for (ListedDay day : days) {
      text.append(day.date()).append(',').append(day.kind()).append(',').append(day.name());
      text.append('\n');
    }
    return text.toString();
  }

  /** The days of {@link #csv} (or of the shipped file's format) read back. */
  public static List<ListedDay> parseCsv(String csv) {
    try {
      return parse(new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the CSV: {@code date,kind,name}; a header line; lines starting with {@code #} are
   * comments. Any other line that does not parse is an error, never skipped.
   */
  public static List<ListedDay> parse(InputStream csv) throws IOException {
    List<ListedDay> days = new ArrayList<>();
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
        days.add(
            new ListedDay(
                LocalDate.parse(fields[0]),
                DayKind.valueOf(fields[1]),
                fields.length > 2 ? fields[2] : ""));
      } catch (DateTimeParseException
          | IllegalArgumentException
          | ArrayIndexOutOfBoundsException e) {
        throw new IllegalStateException(
            "calendar line " + number + " is not date,OFF|WORK,name: " + line, e);
      }
    }
    if (days.isEmpty()) {
      throw new IllegalStateException("the calendar lists no day");
    }
    return days;
  }
}
