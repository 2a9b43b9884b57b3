package cn.bj.hrss.card.production.calendar;

import cn.bj.hrss.card.contract.calendar.CalendarDay;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.deadline.CalendarYear;
import cn.bj.hrss.card.deadline.DayKind;
import cn.bj.hrss.card.deadline.ListedDay;
import cn.bj.hrss.card.deadline.OfficialCalendar;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The calendar this service counts deadlines on: the shipped years, then every newer version
 * received from application-service over official-calendar.v1 (kept in official_calendar_year, so a
 * restart starts from it), and provisional years for the rest (issue 17, ADR 19).
 */
@ApplicationScoped
public class CalendarHolder {

  private static final Logger LOG = Logger.getLogger(CalendarHolder.class);

  private final DataSource dataSource;
  private volatile OfficialCalendar calendar;

  CalendarHolder(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The calendar in force now. */
  public OfficialCalendar current() {
    OfficialCalendar known = calendar;
    if (known == null) {
      synchronized (this) {
        if (calendar == null) {
          calendar = load();
        }
        known = calendar;
      }
    }
    return known;
  }

  /** The deadlines on the calendar in force now. */
  public ProductionDeadlines deadlines() {
    return new ProductionDeadlines(current());
  }

  /** After a version was committed to official_calendar_year: count on it from now on. */
  synchronized void use(OfficialCalendar newer) {
    calendar = newer;
  }

  private OfficialCalendar load() {
    OfficialCalendar loaded = OfficialCalendar.shipped();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT year, version, notice, days FROM official_calendar_year ORDER BY year");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        loaded =
            loaded.with(
                CalendarYear.official(
                    row.getInt("year"),
                    row.getInt("version"),
                    row.getString("notice"),
                    OfficialCalendar.parseCsv(row.getString("days"))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the received calendar years", e);
    }
    LOG.infof("counting deadlines on the calendar years %s", labels(loaded));
    return loaded;
  }

  static String labels(OfficialCalendar calendar) {
    return calendar.officialYears().stream().map(CalendarYear::label).toList().toString();
  }

  /** The year of a received message, validated again (a reader never trusts the wire). */
  static CalendarYear toYear(OfficialCalendarYearLoaded message) {
    List<ListedDay> days = new ArrayList<>();
    for (CalendarDay day : message.days()) {
      days.add(new ListedDay(day.date(), DayKind.valueOf(day.kind()), day.name()));
    }
    return CalendarYear.official(message.year(), message.version(), message.notice(), days);
  }
}
