package cn.bj.hrss.card.application.calendar;

import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.card.rest.CallerHeaders;
import cn.bj.hrss.card.contract.calendar.CalendarDay;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.deadline.CalendarYear;
import cn.bj.hrss.card.deadline.DayKind;
import cn.bj.hrss.card.deadline.ListedDay;
import cn.bj.hrss.card.deadline.OfficialCalendar;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The official calendar as operator data (issue 17, ADR 19): an operator loads a year's State
 * Council arrangement (JSON, or the CSV of the shipped file with the notice as a parameter); anyone
 * signed in reads the year in force, official or provisional, with every version's who, when and
 * which notice.
 */
@Path("/calendar/years")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarResource {

  /** The days of a year's arrangement, as an operator sends them. */
  public record YearBody(String notice, List<CalendarDay> days) {}

  /** A year as it stands, with the versions it had. */
  public record YearView(
      int year,
      boolean provisional,
      Integer version,
      String notice,
      String note,
      List<CalendarDay> days,
      List<VersionView> versions) {}

  /** One loaded version: who loaded it, when, after which notice. */
  public record VersionView(
      String calendarId, int version, String notice, String loadedBy, java.time.Instant loadedAt) {}

  private static final int MAX_DAYS = 366;
  private static final int FIRST_YEAR = 2024;
  private static final int LAST_YEAR = 2100;

  private final CalendarStore store;

  CalendarResource(CalendarStore store) {
    this.store = store;
  }

  @PUT
  @Path("/{year}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response load(@BeanParam CallerHeaders headers, @PathParam("year") int year, YearBody body)
      throws SQLException {
    CallerContext operator = headers.context().requireRole("OPERATOR");
    if (body == null || body.days() == null) {
      throw invalid("请提供当年的放假和调休上班日期。", "no days");
    }
    List<ListedDay> days = new ArrayList<>();
    for (CalendarDay day : body.days()) {
      days.add(
          listed(
              day == null ? null : day.date(),
              day == null ? null : day.kind(),
              day == null ? null : day.name()));
    }
    return loaded(year, body.notice(), days, operator);
  }

  @PUT
  @Path("/{year}")
  @Consumes("text/csv")
  public Response loadCsv(
      @BeanParam CallerHeaders headers,
      @PathParam("year") int year,
      @QueryParam("notice") String notice,
      String csv)
      throws SQLException {
    CallerContext operator = headers.context().requireRole("OPERATOR");
    List<ListedDay> days;
    try {
      days =
          OfficialCalendar.parse(
              new ByteArrayInputStream((csv == null ? "" : csv).getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalStateException | IOException e) {
      throw invalid("日历文件每行应为“日期,OFF或WORK,节日名称”。", e.getMessage());
    }
    return loaded(year, notice, days, operator);
  }

  private Response loaded(int year, String notice, List<ListedDay> days, CallerContext operator)
      throws SQLException {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw invalid("只能导入" + FIRST_YEAR + "至" + LAST_YEAR + "年的放假安排。", "year " + year);
    }
    if (days.size() > MAX_DAYS) {
      throw invalid("一年最多列出366天。", days.size() + " days");
    }
    store.load(year, notice, days, operator.actorId());
    return Response.status(Response.Status.CREATED).entity(view(year)).build();
  }

  @GET
  @Path("/{year}")
  public YearView year(@BeanParam CallerHeaders headers, @PathParam("year") int year) {
    headers.readingContext();
    if (year < 2000 || year > 2100) {
      throw invalid("年份应在2000至2100之间。", "year " + year);
    }
    return view(year);
  }

  private YearView view(int year) {
    CalendarYear inForce = store.current().year(year);
    List<VersionView> versions = new ArrayList<>();
    for (OfficialCalendarYearLoaded version : store.versions(year)) {
      versions.add(
          new VersionView(
              version.calendarId(),
              version.version(),
              version.notice(),
              version.loadedBy(),
              version.loadedAt()));
    }
    List<CalendarDay> days = new ArrayList<>();
    for (ListedDay day : inForce.listedDays()) {
      days.add(new CalendarDay(day.date(), day.kind().name(), day.name()));
    }
    return new YearView(
        year,
        inForce.provisional(),
        inForce.provisional() ? null : inForce.version(),
        inForce.notice(),
        inForce.provisional() ? year + "年的国务院节假日安排尚未导入，按《全国年节及纪念日放假办法》的法定节假日和周末推算（不含调休）。" : null,
        days,
        versions);
  }

  private static ListedDay listed(LocalDate date, String kind, String name) {
    if (date == null || kind == null) {
      throw invalid("每一天都须写明日期和类别（OFF放假或WORK调休上班）。", "day without date or kind");
    }
    try {
      return new ListedDay(date, DayKind.valueOf(kind), name);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw invalid("类别只能是OFF（放假）或WORK（调休上班）。", "kind " + kind);
    }
  }

  private static RuleViolation invalid(String message, String detail) {
    return RuleViolation.invalidInput("CALENDAR-INVALID", message, detail);
  }
}
