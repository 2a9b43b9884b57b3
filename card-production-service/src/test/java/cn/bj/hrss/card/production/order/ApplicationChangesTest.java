package cn.bj.hrss.card.production.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.RecordingApplicationService;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.production.overdue.OverdueAlerts;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 in the production orders: an order follows a change of the application before production
 * (S-CHANGE-1), to the new bank's factories (S-FACTORY-1), and a withdrawn application
 * (S-WITHDRAW-1) or a cancelled card (S-END-1) closes it: no factory's work, no overdue alert, and
 * a factory's report on it refused with the rule, nothing stored or sent.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(RecordingApplicationService.class)
class ApplicationChangesTest {

  private static final String ICBC_FACTORY = "ICBC-card-bureau";
  private static final String CCB_FACTORY = "CCB-card-bureau";

  /** Applied on 2025-02-10: overdue on the tests' 2025-04-03 unless closed. */
  private static final String APPLIED = "2025-02-10T02:00:00Z";

  @Inject OverdueAlerts alerts;
  @Inject DataSource dataSource;

  @Test
  void S_CHANGE_1_the_order_follows_the_change_to_the_new_banks_factories() {
    String card = UUID.randomUUID().toString();
    CardEvents.publishTogether(
        card,
        CardEvents.requestedByMailJsonOf(card, "CCB", "BUREAU_WEBSITE", APPLIED),
        CardEvents.applicationChanged(
            card, 1, "2025-02-11T02:00:00Z", "CCB", "ICBC", "工商银行北京朝阳门支行"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", card)
                    .then()
                    .body("bankCode", equalTo("ICBC"))
                    .body("collectionMethod", equalTo("OUTLET_PICKUP"))
                    .body("outletName", equalTo("工商银行北京朝阳门支行"))
                    .body("factories", hasItem(ICBC_FACTORY))
                    .body("factories", not(hasItem(CCB_FACTORY)))
                    .body("status", equalTo("ORDERED"))
                    .body("dueDate", equalTo("2025-03-12")));

    // The old bank's factory no longer sees it nor reports on it: as for a card that is not there.
    TestCallers.factory(CCB_FACTORY).get("/production-orders/{id}", card).then().statusCode(404);
    produced(CCB_FACTORY, card).then().statusCode(404).body("rule", equalTo("NOT-FOUND"));
    TestCallers.factory(ICBC_FACTORY).get("/production-orders/{id}", card).then().statusCode(200);
  }

  @Test
  void S_WITHDRAW_1_a_withdrawn_order_is_no_factorys_work_and_its_report_is_refused() {
    String card = closed(CardEvents::withdrawn, "WITHDRAWN");

    assertClosed(card, "S-WITHDRAW-1", "该申领已撤回，无需制卡或寄送。");
    TestCallers.operator()
        .get("/production-orders/{id}", card)
        .then()
        .body("closedReason", equalTo("BY_APPLICANT"))
        .body("closedAt", equalTo("2025-02-11T02:00:00Z"));
  }

  @Test
  void S_END_1_a_cancelled_order_is_no_factorys_work_and_its_report_is_refused() {
    String card = closed(CardEvents::cancelled, "CANCELLED");

    assertClosed(card, "S-END-1", "该卡已注销，无需制卡或寄送。");
    assertEquals(
        false, TestCallers.orderJson(card).contains("死亡登记核实"), "the operator's note is not kept");
  }

  /** The event that closes an order: card id, sequence, occurredAt. */
  private interface Closing {
    String json(String cardId, long sequence, String occurredAt);
  }

  /** An ICBC order applied for by mail, closed the next day, consumed together. */
  private static String closed(Closing closing, String status) {
    String card = UUID.randomUUID().toString();
    CardEvents.publishTogether(
        card,
        CardEvents.requestedByMailJsonOf(card, "ICBC", "BUREAU_WEBSITE", APPLIED),
        closing.json(card, 1, "2025-02-11T02:00:00Z"));
    TestCallers.awaitOrderStatus(card, status);
    return card;
  }

  /** No overdue alert, no factory listing, a single and a batch report refused, nothing stored. */
  private void assertClosed(String card, String rule, String message) {
    try {
      alerts.detect();
      assertEquals(0, alertsOf(card), "no overdue alert of a closed order");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    for (String listing : List.of("", "/overdue", "/deadline-unknown")) {
      TestCallers.factory(ICBC_FACTORY)
          .queryParam("bankCode", "ICBC")
          .queryParam("limit", 500)
          .get("/production-orders" + listing)
          .then()
          .statusCode(200)
          .body("orders.cardId", not(hasItem(card)));
    }
    produced(ICBC_FACTORY, card)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo(rule))
        .body("message", equalTo(message));
    TestCallers.factory(ICBC_FACTORY)
        .contentType(ContentType.JSON)
        .body(
            "{\"reports\":[{\"cardId\":\""
                + card
                + "\",\"kind\":\"DISPATCHED\",\"method\":\"MAIL\","
                + "\"trackingNumber\":\"EA123456785CN\"}]}")
        .post("/factories/{f}/reports", ICBC_FACTORY)
        .then()
        .statusCode(202)
        .body("rejected", equalTo(1))
        .body("lines[0].error.rule", equalTo(rule));
    TestCallers.operator()
        .queryParam("cardId", card)
        .get("/factory-reports")
        .then()
        .body("total", equalTo(0));
    assertEquals(List.of(), RecordingApplicationService.about(card));
  }

  private static io.restassured.response.Response produced(String factory, String card) {
    return TestCallers.factory(factory)
        .contentType(ContentType.JSON)
        .body("{\"cardNumber\":\"A12345678\"}")
        .post("/factories/{f}/cards/{c}/produced", factory, card);
  }

  private long alertsOf(String card) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM production_overdue_alert WHERE card_id = ?")) {
      select.setString(1, card);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
