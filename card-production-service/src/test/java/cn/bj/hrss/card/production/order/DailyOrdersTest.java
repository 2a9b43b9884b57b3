package cn.bj.hrss.card.production.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily series (issue 21: due and overdue over time), worked out by hand for a few orders of a
 * fresh bank, as of 2025-04-03 (the tests' fixed clock). Beijing days; 10:00 Beijing is 02:00Z.
 *
 * <pre>
 * A mail, online, applied 03-03: due 04-02 (R-SLA-1)         open all along
 * B mail, online, applied 03-04: due 04-03; produced 04-01 00:30 Beijing (03-31T16:30Z)
 * C outlet 网点甲, BANK_OUTLET, applied 03-28 (Fri): due 04-03 (R-SLA-3, 4th working day)
 * D mail, online, applied 02-20: due 03-24 (03-22 is a Saturday); withdrawn 03-30
 * E mail, online, applied 03-31
 * F mail, online, applied 03-30 01:00 Beijing (03-29T17:00Z): its day is 03-30, not 03-29
 *
 * day    open             due   overdue
 * 03-27  A B D         3  0     1 (D)
 * 03-28  A B C D       4  0     1 (D)
 * 03-29  A B C D       4  0     1 (D)
 * 03-30  A B C F       4  0     0
 * 03-31  A B C E F     5  0     0
 * 04-01  A C E F       4  0     0
 * 04-02  A C E F       4  1 (A) 0
 * 04-03  A C E F       4  1 (C) 1 (A)
 * </pre>
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class DailyOrdersTest {

  static final String BANK = CardEvents.newBank();
  static final String FACTORY_BANK = CardEvents.newBank();
  static final String FACTORY = FACTORY_BANK + "-bureau";
  static final String OUTLET = "网点甲";

  private static boolean published;

  @BeforeEach
  void orders() {
    if (published) {
      return;
    }
    published = true;
    String a = card();
    String b = card();
    String d = card();
    CardEvents.requestedByMail(a, BANK, "JINGTONG_MINI_PROGRAM", "2025-03-03T02:00:00Z");
    CardEvents.requestedByMail(b, BANK, "BEIJING_HRSS_WECHAT", "2025-03-04T02:00:00Z");
    CardEvents.produced(b, 1, "2025-03-31T16:30:00Z", "B00000002");
    CardEvents.requestedAtOutlet(card(), BANK, "BANK_OUTLET", "2025-03-28T02:00:00Z", OUTLET);
    CardEvents.publishTogether(
        d,
        CardEvents.requestedByMailJsonOf(d, BANK, "BUREAU_WEBSITE", "2025-02-20T02:00:00Z"),
        CardEvents.withdrawn(d, 1, "2025-03-30T02:00:00Z"));
    CardEvents.requestedByMail(card(), BANK, "BUREAU_WEBSITE", "2025-03-31T02:00:00Z");
    CardEvents.requestedByMail(card(), BANK, "BUREAU_WEBSITE", "2025-03-29T17:00:00Z");
    // a factory of its own bank, with one open order and one closed
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body("{\"factories\": [\"" + FACTORY + "\"], \"reason\": \"测试：新银行的制卡厂\"}")
        .put("/factory-assignments/{b}", FACTORY_BANK)
        .then()
        .statusCode(200);
    CardEvents.requestedByMail(card(), FACTORY_BANK, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    String closed = card();
    CardEvents.publishTogether(
        closed,
        CardEvents.requestedByMailJsonOf(
            closed, FACTORY_BANK, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z"),
        CardEvents.withdrawn(closed, 1, "2025-04-02T02:00:00Z"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              TestCallers.operator()
                  .queryParam("bankCode", BANK)
                  .get("/production-orders/summary")
                  .then()
                  .body("totals.byStatus.ORDERED", equalTo(4))
                  .body("totals.byStatus.PRODUCED", equalTo(1))
                  .body("totals.byStatus.WITHDRAWN", equalTo(1));
              TestCallers.operator()
                  .queryParam("bankCode", FACTORY_BANK)
                  .get("/production-orders/summary")
                  .then()
                  .body("totals.byStatus.ORDERED", equalTo(1))
                  .body("totals.byStatus.WITHDRAWN", equalTo(1));
            });
  }

  private static String card() {
    return UUID.randomUUID().toString();
  }

  private static ValidatableResponse daily(RequestSpecification caller, String from, String to) {
    return caller
        .queryParam("from", from)
        .queryParam("to", to)
        .get("/production-orders/daily")
        .then();
  }

  @Test
  void each_day_counts_the_orders_open_due_and_overdue_at_its_end() {
    daily(TestCallers.operator().queryParam("bankCode", BANK), "2025-03-27", "2025-04-03")
        .statusCode(200)
        .body("from", equalTo("2025-03-27"))
        .body("to", equalTo("2025-04-03"))
        .body("asOf", equalTo("2025-04-03"))
        .body("bankCode", equalTo(BANK))
        .body(
            "totals.date",
            contains(
                "2025-03-27",
                "2025-03-28",
                "2025-03-29",
                "2025-03-30",
                "2025-03-31",
                "2025-04-01",
                "2025-04-02",
                "2025-04-03"))
        .body("totals.open", contains(3, 4, 4, 4, 5, 4, 4, 4))
        .body("totals.due", contains(0, 0, 0, 0, 0, 0, 1, 1))
        .body("totals.overdue", contains(1, 1, 1, 0, 0, 0, 0, 1))
        .body("groups", empty());
  }

  @Test
  void today_is_the_summarys_due_today_and_overdue() {
    daily(TestCallers.auditor().queryParam("bankCode", BANK), "2025-04-03", "2025-04-03")
        .statusCode(200)
        .body("totals[0].due", equalTo(1))
        .body("totals[0].overdue", equalTo(1));
    TestCallers.auditor()
        .queryParam("bankCode", BANK)
        .get("/production-orders/summary")
        .then()
        .body("totals.dueToday", equalTo(1))
        .body("totals.overdue", equalTo(1));
  }

  @Test
  void per_outlet_the_outlets_own_days_then_mail() {
    daily(
            TestCallers.operator().queryParam("bankCode", BANK).queryParam("groupBy", "outlet"),
            "2025-03-27",
            "2025-04-03")
        .statusCode(200)
        .body("groups", hasSize(2))
        .body("groups[0].bankCode", equalTo(BANK))
        .body("groups[0].outletName", equalTo(OUTLET))
        .body("groups[0].days.open", contains(0, 1, 1, 1, 1, 1, 1, 1))
        .body("groups[0].days.due", contains(0, 0, 0, 0, 0, 0, 0, 1))
        .body("groups[1].outletName", nullValue())
        .body("groups[1].days.open", contains(3, 3, 3, 3, 4, 3, 3, 3))
        .body("groups[1].days.overdue", contains(1, 1, 1, 0, 0, 0, 0, 1));
    daily(
            TestCallers.operator()
                .queryParam("bankCode", BANK)
                .queryParam("outletName", OUTLET)
                .queryParam("groupBy", "bank"),
            "2025-04-02",
            "2025-04-03")
        .body("outletName", equalTo(OUTLET))
        .body("totals.open", contains(1, 1))
        .body("groups", hasSize(1))
        .body("groups[0].bankCode", equalTo(BANK))
        .body("groups[0].days.due", contains(0, 1));
  }

  @Test
  void without_dates_the_30_days_ending_today() {
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .get("/production-orders/daily")
        .then()
        .statusCode(200)
        .body("from", equalTo("2025-03-05"))
        .body("to", equalTo("2025-04-03"))
        .body("totals", hasSize(30));
  }

  @Test
  void a_factory_counts_only_its_own_open_orders_whatever_bank_it_names() {
    // its own bank: the open order every day, the one withdrawn on 04-02 never (S-FACTORY-1:
    // closed orders are no longer a factory's work)
    daily(TestCallers.factory(FACTORY), "2025-04-01", "2025-04-03")
        .statusCode(200)
        .body("totals.open", contains(1, 1, 1));
    daily(TestCallers.factory(FACTORY).queryParam("groupBy", "bank"), "2025-04-01", "2025-04-03")
        .body("groups.bankCode", contains(FACTORY_BANK));
    // another bank's orders are not counted for it
    daily(TestCallers.factory(FACTORY).queryParam("bankCode", BANK), "2025-03-27", "2025-04-03")
        .statusCode(200)
        .body("totals.open", everyItem(equalTo(0)))
        .body("totals.overdue", everyItem(equalTo(0)));
    // nor its orders for another factory
    daily(
            TestCallers.factory("ICBC-card-bureau").queryParam("bankCode", FACTORY_BANK),
            "2025-04-01",
            "2025-04-03")
        .body("totals.open", contains(0, 0, 0));
    // the operator sees both of the bank's orders until the withdrawal
    daily(TestCallers.operator().queryParam("bankCode", FACTORY_BANK), "2025-04-01", "2025-04-03")
        .body("totals.open", contains(2, 1, 1));
  }

  @Test
  void a_stranger_is_refused_and_learns_nothing() {
    given()
        .queryParam("bankCode", BANK)
        .get("/production-orders/daily")
        .then()
        .statusCode(401)
        .body(not(containsString("totals")));
    for (RequestSpecification caller :
        List.of(
            TestCallers.citizen("11010519491231002X"),
            TestCallers.as(Roles.BANK, BANK),
            TestCallers.as(Roles.EMPLOYER, "EMP-110105-0001"))) {
      caller
          .queryParam("bankCode", BANK)
          .get("/production-orders/daily")
          .then()
          .statusCode(403)
          .body(not(containsString("totals")));
    }
  }

  @Test
  void a_range_backwards_too_long_after_today_or_malformed_is_refused_with_its_rule() {
    refused("2025-04-03", "2025-04-01", "INPUT-DATE-RANGE", "开始日期不能晚于结束日期。", "from");
    refused("2025-01-01", "2025-04-03", "INPUT-DATE-RANGE", "一次最多查询92天。", "from");
    refused("2025-04-01", "2025-04-04", "INPUT-DATE-RANGE", "结束日期不能晚于今天。", "to");
    String malformed = "日期有误，应为2000年以后的“年-月-日”，例如 2025-04-03。";
    refused("2025-4-1", "2025-04-03", "INPUT-DATE", malformed, "from");
    refused("1999-12-31", "2000-01-01", "INPUT-DATE", malformed, "from");
    refused("2025-04-01", "-999999999-01-01", "INPUT-DATE", malformed, "to");
    // 92 days, both ends included, is allowed
    daily(TestCallers.operator().queryParam("bankCode", BANK), "2025-01-02", "2025-04-03")
        .statusCode(200)
        .body("totals", hasSize(92));
    TestCallers.operator()
        .queryParam("groupBy", "factory")
        .get("/production-orders/daily")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-GROUP-BY"))
        .body("field", equalTo("groupBy"));
  }

  private static void refused(String from, String to, String rule, String message, String field) {
    daily(TestCallers.operator(), from, to)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("rule", equalTo(rule))
        .body("message", equalTo(message))
        .body("field", equalTo(field));
  }
}
