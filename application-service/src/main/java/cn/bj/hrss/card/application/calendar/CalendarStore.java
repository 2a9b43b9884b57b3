package cn.bj.hrss.card.application.calendar;

import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.contract.calendar.CalendarDay;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.deadline.CalendarYear;
import cn.bj.hrss.card.deadline.DayKind;
import cn.bj.hrss.card.deadline.InvalidCalendarYearException;
import cn.bj.hrss.card.deadline.ListedDay;
import cn.bj.hrss.card.deadline.OfficialCalendar;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The official calendar's one owner (issue 17, ADR 19): every version of every year an operator
 * loaded, validated before it is kept, with who loaded it, when, and which notice it follows. The
 * shipped years (2024-2026) are stored as version 1 at the first start. A year with no version is
 * provisional ({@link CalendarYear#provisional}).
 */
@ApplicationScoped
public class CalendarStore {

  private static final Logger LOG = Logger.getLogger(CalendarStore.class);

  /** The account the shipped years are recorded as loaded by. */
  static final String SHIPPED = "shipped";

  private final DataSource dataSource;
  private volatile Cached cached;

  private record Cached(long versions, OfficialCalendar calendar) {}

  CalendarStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the shipped years as version 1 where a year has no version yet (several instances). */
  @Transactional(rollbackOn = Exception.class)
  void seedShippedYears(@Observes StartupEvent startup) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO official_calendar_year (year, version, notice, loaded_by, loaded_at,"
                    + " days) SELECT ?, 1, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
                    + " official_calendar_year WHERE year = ?) ON CONFLICT DO NOTHING")) {
      for (CalendarYear year : OfficialCalendar.shippedYears()) {
        insert.setInt(1, year.year());
        insert.setString(2, year.notice());
        insert.setString(3, SHIPPED);
        insert.setTimestamp(4, Timestamp.from(Instant.now()));
        insert.setString(5, OfficialCalendar.csv(year.listedDays()));
        insert.setInt(6, year.year());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The calendar in force: the highest version of each loaded year, provisional elsewhere. */
  public OfficialCalendar current() {
    try (Connection connection = dataSource.getConnection()) {
      long versions;
      try (Statement count = connection.createStatement();
          ResultSet row = count.executeQuery("SELECT count(*) FROM official_calendar_year")) {
        row.next();
        versions = row.getLong(1);
      }
      Cached known = cached;
      if (known != null && known.versions() == versions) {
        return known.calendar();
      }
      List<CalendarYear> years = new ArrayList<>();
      for (OfficialCalendarYearLoaded loaded : versions(connection, null)) {
        years.add(toYear(loaded));
      }
      OfficialCalendar calendar =
          years.isEmpty() ? OfficialCalendar.shipped() : OfficialCalendar.of(years);
      cached = new Cached(versions, calendar);
      return calendar;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the official calendar", e);
    }
  }

  /** Every version of {@code year}, oldest first. */
  public List<OfficialCalendarYearLoaded> versions(int year) {
    try (Connection connection = dataSource.getConnection()) {
      return versions(connection, year);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the official calendar", e);
    }
  }

  /**
   * Loads a year's official arrangement as its next version, after validating it (R-SLA-5, ADR 19).
   *
   * @throws RuleViolation CALENDAR-INVALID naming every problem, when it cannot be right
   */
  @Transactional(rollbackOn = Exception.class)
  public OfficialCalendarYearLoaded load(
      int year, String notice, List<ListedDay> days, String operator) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      // One loader of a year at a time: the next version number is taken under the lock.
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(19, ?)")) {
        lock.setInt(1, year);
        lock.execute();
      }
      int version = 1;
      try (PreparedStatement max =
          connection.prepareStatement(
              "SELECT coalesce(max(version), 0) FROM official_calendar_year WHERE year = ?")) {
        max.setInt(1, year);
        try (ResultSet row = max.executeQuery()) {
          row.next();
          version = row.getInt(1) + 1;
        }
      }
      CalendarYear checked;
      try {
        checked = CalendarYear.official(year, version, notice, days);
      } catch (InvalidCalendarYearException e) {
        throw RuleViolation.invalidInput("CALENDAR-INVALID", e.getMessage(), "invalid " + year);
      }
      Instant now = Instant.now();
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO official_calendar_year (year, version, notice, loaded_by, loaded_at,"
                  + " days) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setInt(1, year);
        insert.setInt(2, version);
        insert.setString(3, checked.notice());
        insert.setString(4, operator);
        insert.setTimestamp(5, Timestamp.from(now));
        insert.setString(6, OfficialCalendar.csv(checked.listedDays()));
        insert.executeUpdate();
      }
      LOG.infof(
          "official calendar %d version %d loaded by %s (%s): %d listed days",
          year, version, operator, checked.notice(), days.size());
      return message(year, version, checked.notice(), operator, now, checked.listedDays());
    }
  }

  static List<OfficialCalendarYearLoaded> versions(Connection connection, Integer year)
      throws SQLException {
    List<OfficialCalendarYearLoaded> versions = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT year, version, notice, loaded_by, loaded_at, days FROM official_calendar_year"
                + (year == null ? "" : " WHERE year = ?")
                + " ORDER BY year, version")) {
      if (year != null) {
        select.setInt(1, year);
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          versions.add(
              message(
                  row.getInt("year"),
                  row.getInt("version"),
                  row.getString("notice"),
                  row.getString("loaded_by"),
                  row.getTimestamp("loaded_at").toInstant(),
                  OfficialCalendar.parseCsv(row.getString("days"))));
        }
      }
    }
    return versions;
  }

  static OfficialCalendarYearLoaded message(
      int year, int version, String notice, String by, Instant at, List<ListedDay> days) {
    List<CalendarDay> listed = new ArrayList<>();
    for (ListedDay day : days) {
      listed.add(new CalendarDay(day.date(), day.kind().name(), day.name()));
    }
    return new OfficialCalendarYearLoaded(
        year + "-v" + version, year, version, notice, by, at, listed);
  }

  static CalendarYear toYear(OfficialCalendarYearLoaded loaded) {
    List<ListedDay> days = new ArrayList<>();
    for (CalendarDay day : loaded.days()) {
      days.add(new ListedDay(day.date(), DayKind.valueOf(day.kind()), day.name()));
    }
    return CalendarYear.official(loaded.year(), loaded.version(), loaded.notice(), days);
  }
}
