package cn.bj.hrss.card.application.calendar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.codec.CalendarCodec;
import cn.bj.hrss.card.deadline.ListedDay;
import cn.bj.hrss.card.deadline.StatutoryHolidays;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The official calendar as operator data (issue 17): loaded by an operator only, validated,
 * versioned with who, when and which notice, published on official-calendar.v1, and the citizen's
 * progress view counting on it (provisional until the year is loaded).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class CalendarResourceTest {

  /** A year no other test counts a deadline in, so loading it moves no other test's dates. */
  private static final int FAR_YEAR = 2031;

  private static final TopicProbe TOPIC =
      new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers());

  /** The year's statutory holidays as JSON days (what a provisional year lists). */
  private static String statutoryDays(int year) {
    return StatutoryHolidays.of(year).stream()
        .map(CalendarResourceTest::json)
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String json(ListedDay day) {
    return "{\"date\":\""
        + day.date()
        + "\",\"kind\":\""
        + day.kind()
        + "\",\"name\":\""
        + day.name()
        + "\"}";
  }

  private static String body(String notice, String days) {
    return "{\"notice\":\"" + notice + "\",\"days\":" + days + "}";
  }

  private static int versionsOf(int year) {
    return Callers.auditor()
        .get("/calendar/years/{y}", year)
        .then()
        .statusCode(200)
        .extract()
        .path("versions.size()");
  }

  @Test
  void the_shipped_years_are_version_1_and_a_year_not_loaded_is_provisional_with_a_chinese_note() {
    Callers.citizen(SampleRegistry.RETIREE.idNumber())
        .get("/calendar/years/2026")
        .then()
        .statusCode(200)
        .body("provisional", equalTo(false))
        .body("version", equalTo(1))
        .body("versions[0].loadedBy", equalTo("shipped"))
        .body("versions[0].notice", equalTo("国务院办公厅关于2026年部分节假日安排的通知"));
    Callers.auditor()
        .get("/calendar/years/2035")
        .then()
        .statusCode(200)
        .body("provisional", equalTo(true))
        .body("note", containsString("2035年的国务院节假日安排尚未导入"))
        .body("days.find { it.name == '国庆节' }.date", equalTo("2035-10-01"));
  }

  @Test
  void an_operator_loads_a_year_as_its_next_version_audited_and_published_to_kafka() {
    int before = versionsOf(FAR_YEAR);
    List<ListedDay> statutory = StatutoryHolidays.of(FAR_YEAR);
    String days =
        statutoryDays(FAR_YEAR)
            .replace(
                "]", ",{\"date\":\"" + FAR_YEAR + "-12-31\",\"kind\":\"OFF\",\"name\":\"测试\"}]");
    JsonPath loaded =
        Callers.operator()
            .body(body("国务院办公厅关于" + FAR_YEAR + "年部分节假日安排的通知（测试）", days))
            .put("/calendar/years/{y}", FAR_YEAR)
            .then()
            .log()
            .ifValidationFails()
            .statusCode(201)
            .body("provisional", equalTo(false))
            .body("version", equalTo(before + 1))
            .body("versions[" + before + "].loadedBy", equalTo("op-1"))
            .extract()
            .jsonPath();
    assertEquals(statutory.size() + 1, loaded.getList("days").size());

    List<OfficialCalendarYearLoaded> published =
        TOPIC
            .readByKey(
                Topics.OFFICIAL_CALENDAR,
                Integer.toString(FAR_YEAR),
                before + 1,
                Duration.ofSeconds(30))
            .stream()
            .map(CalendarCodec::decode)
            .toList();
    assertEquals(before + 1, published.size(), "every version is published once it is loaded");
    OfficialCalendarYearLoaded last = published.get(published.size() - 1);
    assertEquals(FAR_YEAR + "-v" + (before + 1), last.calendarId());
    assertEquals("op-1", last.loadedBy());
    assertEquals(LocalDate.of(FAR_YEAR, 12, 31), last.days().get(last.days().size() - 1).date());
  }

  @Test
  void the_csv_of_the_shipped_file_loads_too_with_the_notice_as_a_parameter() {
    int before = versionsOf(FAR_YEAR + 1);
    String csv =
        "date,kind,name\n"
            + StatutoryHolidays.of(FAR_YEAR + 1).stream()
                .map(d -> d.date() + "," + d.kind() + "," + d.name())
                .collect(Collectors.joining("\n"));
    Callers.operator()
        .contentType("text/csv")
        .queryParam("notice", "国务院办公厅关于2032年部分节假日安排的通知")
        .body(csv)
        .put("/calendar/years/{y}", FAR_YEAR + 1)
        .then()
        .statusCode(201)
        .body("version", equalTo(before + 1))
        .body("notice", equalTo("国务院办公厅关于2032年部分节假日安排的通知"));
  }

  @Test
  void an_arrangement_that_cannot_be_right_is_refused_naming_the_problem_and_nothing_is_kept() {
    int before = versionsOf(FAR_YEAR + 2);
    String withoutMidAutumn =
        StatutoryHolidays.of(FAR_YEAR + 2).stream()
            .filter(d -> !d.name().startsWith("中秋"))
            .map(CalendarResourceTest::json)
            .collect(Collectors.joining(",", "[", "]"));
    Callers.operator()
        .body(body("通知", withoutMidAutumn))
        .put("/calendar/years/{y}", FAR_YEAR + 2)
        .then()
        .statusCode(400)
        .body("rule", equalTo("CALENDAR-INVALID"))
        .body("message", containsString("中秋节"));
    Callers.operator()
        .body(body("通知", "[{\"date\":\"2033-03-02\",\"kind\":\"WORK\",\"name\":\"x\"}]"))
        .put("/calendar/years/{y}", FAR_YEAR + 2)
        .then()
        .statusCode(400)
        .body("message", containsString("2033-03-02是工作日"));
    Callers.operator()
        .body(body("通知", statutoryDays(FAR_YEAR + 2)))
        .put("/calendar/years/{y}", 1999)
        .then()
        .statusCode(400)
        .body("rule", equalTo("CALENDAR-INVALID"));
    assertEquals(before, versionsOf(FAR_YEAR + 2));
  }

  @Test
  void nobody_but_an_operator_loads_a_calendar_and_a_refusal_keeps_and_publishes_nothing() {
    int before = versionsOf(FAR_YEAR + 3);
    String valid = body("通知", statutoryDays(FAR_YEAR + 3));
    for (var caller :
        List.of(
            Callers.citizen(SampleRegistry.RETIREE.idNumber()),
            Callers.auditor(),
            Callers.as("BANK", "ICBC", "BANK_API"),
            Callers.as("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API"),
            Callers.as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE"))) {
      caller.body(valid).put("/calendar/years/{y}", FAR_YEAR + 3).then().statusCode(403);
    }
    given()
        .contentType("application/json")
        .body(valid)
        .put("/calendar/years/{y}", FAR_YEAR + 3)
        .then()
        .statusCode(401);
    assertEquals(before, versionsOf(FAR_YEAR + 3));
    assertEquals(
        List.of(),
        TOPIC.readByKey(
            Topics.OFFICIAL_CALENDAR, Integer.toString(FAR_YEAR + 3), 1, Duration.ofSeconds(3)));
  }

  @Test
  void a_citizens_progress_view_says_when_its_date_is_provisional_and_loses_the_flag_once_loaded() {
    String idNumber = SampleRegistry.id("110101", 1980, 5, 5, 917);
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
                + idNumber
                + ",赵日历,URBAN_RURAL_RESIDENT,110101,,\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200);
    String cardId =
        Callers.citizen(idNumber)
            .body(
                "{\"applicant\": {\"idNumber\": \""
                    + idNumber
                    + "\", \"name\": \"赵日历\", \"mobile\": \"13800138917\"},"
                    + " \"bankCode\": \"ICBC\", \"collection\": {\"method\": \"OUTLET_PICKUP\","
                    + " \"outletName\": \"工商银行北京朝阳门支行\"}}")
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    JsonPath progress = progress(idNumber, cardId);
    LocalDate due = LocalDate.parse(progress.getString("dueDate"));
    assertEquals("R-SLA-1", progress.getString("dueRule"));
    boolean provisional = due.getYear() > 2026;
    assertEquals(provisional, progress.getBoolean("dueDateProvisional"));
    if (provisional) {
      assertTrue(
          progress.getString("dueNote").startsWith("预计日期（R-SLA-1）："),
          progress.getString("dueNote"));
      assertTrue(progress.getString("calendarVersion").endsWith(due.getYear() + ":provisional"));
      // Load that year as the State Council would, the statutory days alone: the date stays, the
      // flag and the note go, and the view names the version.
      Callers.operator()
          .body(body("国务院办公厅关于" + due.getYear() + "年部分节假日安排的通知（测试）", statutoryDays(due.getYear())))
          .put("/calendar/years/{y}", due.getYear())
          .then()
          .statusCode(201);
      JsonPath after = progress(idNumber, cardId);
      assertEquals(due.toString(), after.getString("dueDate"));
      assertEquals(false, after.getBoolean("dueDateProvisional"));
      assertEquals(null, after.getString("dueNote"));
      assertTrue(
          after.getString("calendarVersion").matches(".*" + due.getYear() + ":v\\d+$"),
          after.getString("calendarVersion"));
    }
  }

  private static JsonPath progress(String idNumber, String cardId) {
    return Callers.citizen(idNumber)
        .get("/cards/{id}/progress", cardId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
