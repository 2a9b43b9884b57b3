package cn.bj.hrss.card.production.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is due and what is late for one bank and its outlets, as of 2025-04-03 (the tests' fixed
 * clock).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class DueAndOverdueTest {

  static final String BANK = CardEvents.newBank();
  static final String OUTLET = "测试网点";
  static final List<String> CARDS =
      Stream.generate(() -> UUID.randomUUID().toString()).limit(6).sorted().toList();
  // overdue since 03-24 (03-22 is a Saturday, R-SLA-5), overdue since 04-02, due today (online),
  // due today (bank outlet, R-SLA-3), produced, not yet due
  static final String LONG_OVERDUE = CARDS.get(0);
  static final String OVERDUE = CARDS.get(1);
  static final String DUE_TODAY = CARDS.get(2);
  static final String DUE_TODAY_AT_OUTLET = CARDS.get(3);
  static final String PRODUCED = CARDS.get(4);
  static final String NOT_YET_DUE = CARDS.get(5);

  private static boolean published;

  @BeforeEach
  void orders() {
    if (published) {
      return;
    }
    published = true;
    CardEvents.requestedByMail(LONG_OVERDUE, BANK, "BUREAU_WEBSITE", "2025-02-20T02:00:00Z");
    CardEvents.requestedByMail(OVERDUE, BANK, "JINGTONG_MINI_PROGRAM", "2025-03-03T02:00:00Z");
    CardEvents.requestedByMail(DUE_TODAY, BANK, "BEIJING_HRSS_WECHAT", "2025-03-04T02:00:00Z");
    CardEvents.requestedAtOutlet(
        DUE_TODAY_AT_OUTLET, BANK, "BANK_OUTLET", "2025-03-28T02:00:00Z", OUTLET);
    CardEvents.requestedByMail(PRODUCED, BANK, "BUREAU_WEBSITE", "2025-03-01T02:00:00Z");
    CardEvents.produced(PRODUCED, 1, "2025-03-20T02:00:00Z", "B00000001");
    CardEvents.requestedByMail(NOT_YET_DUE, BANK, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .queryParam("bankCode", BANK)
                    .get("/production-orders/summary")
                    .then()
                    .body("totals.byStatus.ORDERED", equalTo(5))
                    .body("totals.byStatus.PRODUCED", equalTo(1)));
  }

  @Test
  void the_summary_counts_due_today_and_overdue_per_bank_and_per_outlet() {
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .get("/production-orders/summary")
        .then()
        .statusCode(200)
        .body("asOf", equalTo("2025-04-03"))
        .body("totals.dueToday", equalTo(2))
        .body("totals.overdue", equalTo(2))
        .body("outlets[0].outletName", equalTo(OUTLET))
        .body("outlets[0].counts.dueToday", equalTo(1))
        .body("outlets[0].counts.overdue", equalTo(0));
  }

  @Test
  void overdue_orders_come_longest_overdue_first_one_page_at_a_time() {
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .queryParam("limit", 1)
        .get("/production-orders/overdue")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("orders.cardId", contains(LONG_OVERDUE))
        .body("orders[0].dueDate", equalTo("2025-03-24"))
        .body("orders[0].overdue", equalTo(true));
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .queryParam("limit", 1)
        .queryParam("offset", 1)
        .get("/production-orders/overdue")
        .then()
        .body("orders.cardId", contains(OVERDUE));
  }

  @Test
  void orders_due_today_per_bank_and_per_outlet() {
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .get("/production-orders/due-today")
        .then()
        .body("orders.cardId", contains(DUE_TODAY, DUE_TODAY_AT_OUTLET));
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .queryParam("outletName", OUTLET)
        .get("/production-orders/due-today")
        .then()
        .body("orders.cardId", contains(DUE_TODAY_AT_OUTLET));
  }

  @Test
  void all_orders_of_a_status_in_application_order() {
    TestCallers.operator()
        .queryParam("bankCode", BANK)
        .queryParam("status", "PRODUCED")
        .get("/production-orders")
        .then()
        .body("total", equalTo(1))
        .body("orders.cardId", contains(PRODUCED));
  }

  @Test
  void bad_paging_is_refused_with_its_rule() {
    TestCallers.operator()
        .queryParam("limit", 0)
        .get("/production-orders/overdue")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-PAGING"));
  }
}
