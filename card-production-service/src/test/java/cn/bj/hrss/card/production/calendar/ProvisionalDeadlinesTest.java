package cn.bj.hrss.card.production.calendar;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.calendar.CalendarDay;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.codec.CalendarCodec;
import cn.bj.hrss.card.deadline.ListedDay;
import cn.bj.hrss.card.deadline.StatutoryHolidays;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's measure at this service's boundary (the card topic in, the calendar topic in, the REST
 * API out): orders applied for on 2026-12-03 and 2027-03-01 get provisional due dates with their
 * flag and note; a made-up official 2027 arrangement that moves a holiday counts them again and
 * each change is in the order's deadline history. No order is left without a date.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ProvisionalDeadlinesTest {

  private static final TopicProbe TOPIC =
      new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers());

  @Inject DataSource dataSource;
  @Inject CalendarListener listener;

  @Test
  void orders_of_2026_12_03_and_2027_03_01_are_provisional_until_2027_is_loaded_then_recounted() {
    String bank = CardEvents.newBank();
    Map<String, String> online1203 = order(bank, "BUREAU_WEBSITE", "2026-12-03");
    Map<String, String> district1203 = order(bank, "DISTRICT_STREET_OUTLET", "2026-12-03");
    List<Map<String, String>> march = new ArrayList<>();
    for (String channel :
        List.of(
            "BUREAU_WEBSITE",
            "EMPLOYER_COLLECTIVE",
            "BANK_OUTLET",
            "BANK_OUTLET_INSTANT",
            "DISTRICT_STREET_OUTLET")) {
      march.add(order(bank, channel, "2027-03-01"));
    }
    // Worked out by hand on the provisional 2027 (statutory holidays and weekends;
    // StatutoryHolidays
    // Test): 2026-12-03 + 30 = Sat 2027-01-02 -> Mon 01-04. 2027-03-01 (Mon) + 30 = Wed 03-31; the
    // 4th working day after it is Fri 03-05; on the spot the same day.
    List<String> marchDue =
        List.of("2027-03-31", "2027-03-31", "2027-03-05", "2027-03-01", "2027-03-31");
    awaitDue(online1203.get("cardId"), "2027-01-04", true);
    awaitDue(district1203.get("cardId"), "2027-01-04", true);
    for (int i = 0; i < march.size(); i++) {
      awaitDue(march.get(i).get("cardId"), marchDue.get(i), !marchDue.get(i).equals("2027-03-01"));
    }
    TestCallers.operator()
        .get("/production-orders/{id}", online1203.get("cardId"))
        .then()
        .body("calendarVersion", equalTo("2026:v1 2027:provisional"))
        .body("deadlineNote", startsWith("预计日期（R-SLA-1）：2027年的国务院节假日安排尚未发布"));
    TestCallers.operator()
        .get("/production-orders/{id}", district1203.get("cardId"))
        .then()
        .body("deadlineNote", startsWith("预计日期（R-SLA-4）"));
    TestCallers.operator()
        .queryParam("bankCode", bank)
        .get("/production-orders/deadline-unknown")
        .then()
        .body("total", equalTo(0));

    // A made-up 2027 notice: 元旦 from Friday 1 to Monday 4 January, Saturday 9 January worked.
    publish(madeUp2027("2027-v1", 1));

    awaitDue(online1203.get("cardId"), "2027-01-05", false);
    awaitDue(district1203.get("cardId"), "2027-01-05", false);
    TestCallers.operator()
        .get("/production-orders/{id}/deadline-history", online1203.get("cardId"))
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].oldDueDate", equalTo("2027-01-04"))
        .body("[0].newDueDate", equalTo("2027-01-05"))
        .body("[0].oldCalendarVersion", equalTo("2026:v1 2027:provisional"))
        .body("[0].newCalendarVersion", equalTo("2026:v1 2027:v1"))
        .body("[0].reason", containsString("2027-v1"));
    for (int i = 0; i < march.size(); i++) {
      String cardId = march.get(i).get("cardId");
      awaitDue(cardId, marchDue.get(i), false);
      TestCallers.operator()
          .get("/production-orders/{id}/deadline-history", cardId)
          .then()
          .body("", hasSize(marchDue.get(i).equals("2027-03-01") ? 0 : 1));
    }
    TestCallers.operator()
        .get("/production-orders/{id}", march.get(0).get("cardId"))
        .then()
        .body("calendarVersion", equalTo("2027:v1"))
        .body("deadlineNote", nullValue());

    // The same version again (a relay's resend) changes nothing.
    publish(madeUp2027("2027-v1", 1));
    publish(statutoryYear(2033, 1)); // a marker: once it is applied, the resend was read
    String marker = order(bank, "BUREAU_WEBSITE", "2033-03-01").get("cardId");
    awaitDue(marker, "2033-03-31", false);
    TestCallers.operator()
        .get("/production-orders/{id}/deadline-history", online1203.get("cardId"))
        .then()
        .body("", hasSize(1));
  }

  @Test
  void an_arrangement_that_cannot_be_right_is_not_counted_on() {
    String bank = CardEvents.newBank();
    String cardId = order(bank, "BANK_OUTLET", "2029-03-01").get("cardId");
    // Thu 1 March 2029: the 4th working day after it is Wed 7 March (Fri 2, Mon 5, Tue 6, Wed 7).
    awaitDue(cardId, "2029-03-07", true);
    // Monday 5 March off would move it to Thursday 8, but the arrangement leaves out 中秋节: refused.
    List<CalendarDay> days = new ArrayList<>(statutoryYear(2029, 1).days());
    days.removeIf(day -> day.name().startsWith("中秋"));
    days.add(new CalendarDay(LocalDate.parse("2029-03-05"), "OFF", "虚构"));
    publish(
        new OfficialCalendarYearLoaded(
            "2029-v1", 2029, 1, "通知", "op-1", Instant.parse("2026-12-01T00:00:00Z"), days));
    publish(statutoryYear(2034, 1)); // a marker
    String marker = order(bank, "BUREAU_WEBSITE", "2034-03-01").get("cardId");
    awaitDue(marker, "2034-03-31", false);
    awaitDue(cardId, "2029-03-07", true);
  }

  @Test
  void an_order_left_without_a_date_before_issue_17_gets_one_with_its_history() throws Exception {
    String cardId = UUID.randomUUID().toString();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO production_order (card_id, bank_code, channel, collection_method,"
                    + " status, ordered_at, application_date, deadline_problem, updated_at)"
                    + " VALUES (?, 'ICBC', 'BUREAU_WEBSITE', 'MAIL', 'ORDERED', now(),"
                    + " DATE '2026-12-15', 'R-SLA-3: 2027-01-14 is outside the official"
                    + " calendar', now())")) {
      insert.setString(1, cardId);
      insert.executeUpdate();
    }
    listener.fillMissingDueDates();
    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("dueDate", equalTo("2027-01-14"))
        .body("deadlineProblem", nullValue())
        .body("deadlineRule", equalTo("R-SLA-1"));
    TestCallers.operator()
        .get("/production-orders/{id}/deadline-history", cardId)
        .then()
        .body("", hasSize(1))
        .body("[0].oldDueDate", nullValue())
        .body("[0].newDueDate", equalTo("2027-01-14"))
        .body("[0].reason", startsWith("补全"));
  }

  private static Map<String, String> order(String bank, String channel, String day) {
    String cardId = UUID.randomUUID().toString();
    // 10:00 in Beijing on that day
    CardEvents.requestedByMail(cardId, bank, channel, day + "T02:00:00Z");
    return Map.of("cardId", cardId, "channel", channel);
  }

  private static void awaitDue(String cardId, String due, boolean provisional) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", cardId)
                    .then()
                    .statusCode(200)
                    .body("dueDate", equalTo(due))
                    .body("dueDateProvisional", equalTo(provisional)));
  }

  private static void publish(OfficialCalendarYearLoaded year) {
    // As application-service creates it: one partition, so the versions are read in order.
    java.util.Properties admin = new java.util.Properties();
    admin.put("bootstrap.servers", LocalInfrastructure.shared().kafka().bootstrapServers());
    cn.bj.hrss.card.identity.KeptTopics.ensure(admin, Topics.OFFICIAL_CALENDAR, 1, (short) 1);
    TOPIC.send(
        Topics.OFFICIAL_CALENDAR,
        Integer.toString(year.year()),
        List.of(CalendarCodec.encode(year)));
  }

  private static OfficialCalendarYearLoaded statutoryYear(int year, int version) {
    List<CalendarDay> days = new ArrayList<>();
    for (ListedDay day : StatutoryHolidays.of(year)) {
      days.add(new CalendarDay(day.date(), day.kind().name(), day.name()));
    }
    return new OfficialCalendarYearLoaded(
        year + "-v" + version,
        year,
        version,
        "测试通知",
        "op-1",
        Instant.parse("2026-12-01T00:00:00Z"),
        days);
  }

  private static OfficialCalendarYearLoaded madeUp2027(String id, int version) {
    List<CalendarDay> days = new ArrayList<>(statutoryYear(2027, version).days());
    days.add(new CalendarDay(LocalDate.parse("2027-01-04"), "OFF", "元旦"));
    days.add(new CalendarDay(LocalDate.parse("2027-01-09"), "WORK", "元旦"));
    days.sort((a, b) -> a.date().compareTo(b.date()));
    return new OfficialCalendarYearLoaded(
        id,
        2027,
        version,
        "国务院办公厅关于2027年部分节假日安排的通知（测试用，虚构）",
        "op-1",
        Instant.parse("2026-12-01T00:00:00Z"),
        days);
  }
}
