package cn.bj.hrss.card.production.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.RecordingApplicationService;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * S-FACTORY-1 (issue 16, item 4): a card factory acts only on the orders assigned to it. Another
 * factory's card is answered exactly like a card that is not there, and nothing happens: no report
 * stored, nothing sent to application-service (recorded here by {@link
 * RecordingApplicationService}), the order unchanged.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(RecordingApplicationService.class)
class FactoryIsolationTest {

  private static final String BANK = "ICBC";
  private static final String OWN = "ICBC-card-bureau";
  private static final String OTHER = "CCB-card-bureau";

  /** path, body: one valid report of each kind. */
  private static final List<String[]> REPORTS =
      List.of(
          new String[] {"produced", "{\"cardNumber\":\"A12345678\"}"},
          new String[] {"production-failures", "{\"reason\":\"chip fault\"}"},
          new String[] {
            "dispatches", "{\"method\":\"MAIL\",\"trackingNumber\":\"EA123456785CN\"}"
          });

  /** An ICBC card applied for on 2025-02-10 by mail: overdue on the tests' 2025-04-03. */
  private static String orderedCard(String bank) {
    String cardId = UUID.randomUUID().toString();
    CardEvents.requestedByMail(cardId, bank, "BUREAU_WEBSITE", "2025-02-10T02:00:00Z");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", cardId)
                    .then()
                    .statusCode(200));
    return cardId;
  }

  private static Response report(String factory, String cardId, String kind, String body) {
    return TestCallers.factory(factory)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/factories/{f}/cards/{c}/" + kind, factory, cardId);
  }

  private static int reports(String cardId) {
    return TestCallers.operator()
        .queryParam("cardId", cardId)
        .get("/factory-reports")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  @Test
  void S_FACTORY_1_another_factorys_reports_are_refused_like_a_card_that_is_not_there() {
    String card = orderedCard(BANK);
    String before = TestCallers.orderJson(card);
    String nowhere = UUID.randomUUID().toString();

    for (String[] kind : REPORTS) {
      Response theirs = report(OTHER, card, kind[0], kind[1]);
      Response none = report(OTHER, nowhere, kind[0], kind[1]);
      assertEquals(404, theirs.statusCode(), kind[0] + ": " + theirs.body().asString());
      assertEquals(none.statusCode(), theirs.statusCode());
      assertEquals(none.body().asString(), theirs.body().asString());
      assertFalse(theirs.body().asString().contains(card));
    }

    assertEquals(0, reports(card));
    assertEquals(before, TestCallers.orderJson(card));
    assertEquals(List.of(), RecordingApplicationService.about(card));
  }

  @Test
  void S_FACTORY_1_the_assigned_factory_reports_and_only_its_report_reaches_application_service() {
    String card = orderedCard(BANK);
    report(OTHER, card, "produced", "{\"cardNumber\":\"B12345678\"}").then().statusCode(404);

    report(OWN, card, "produced", "{\"cardNumber\":\"A12345678\"}")
        .then()
        .statusCode(202)
        .body("factoryId", equalTo(OWN))
        .body("cardId", equalTo(card));

    assertEquals(1, reports(card));
    // The relay may first settle reports other test classes left pending.
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> !RecordingApplicationService.about(card).isEmpty());
    List<RecordingApplicationService.Request> relayed = RecordingApplicationService.about(card);
    assertTrue(
        relayed.stream().allMatch(r -> OWN.equals(r.actorId())), "relayed: " + relayed.toString());
    assertTrue(relayed.stream().anyMatch(r -> r.path().equals("/cards/" + card + "/production")));
  }

  @Test
  void S_FACTORY_1_a_batch_line_on_another_factorys_card_is_refused_like_no_card() {
    String theirs = orderedCard(BANK);
    String own = orderedCard("CCB");
    String before = TestCallers.orderJson(theirs);

    TestCallers.factory(OTHER)
        .contentType(ContentType.JSON)
        .body(
            "{\"reports\":["
                + "{\"cardId\":\""
                + theirs
                + "\",\"kind\":\"PRODUCED\",\"cardNumber\":\"C12345678\"},"
                + "{\"cardId\":\""
                + UUID.randomUUID()
                + "\",\"kind\":\"PRODUCED\",\"cardNumber\":\"C12345678\"},"
                + "{\"cardId\":\""
                + own
                + "\",\"kind\":\"PRODUCED\",\"cardNumber\":\"C12345678\"}]}")
        .post("/factories/{f}/reports", OTHER)
        .then()
        .statusCode(202)
        .body("received", equalTo(1))
        .body("rejected", equalTo(2))
        .body("lines[0].outcome", equalTo("REJECTED"))
        .body("lines[0].reportId", equalTo(null))
        .body("lines[0].error.rule", equalTo("NOT-FOUND"))
        .body("lines[1].outcome", equalTo("REJECTED"))
        .body("lines[1].error.rule", equalTo("NOT-FOUND"))
        .body("lines[1].error.message", equalTo("未找到。"))
        .body("lines[1].error.detail", equalTo("no production order"))
        .body("lines[0].error.detail", equalTo("no production order"))
        .body("lines[2].outcome", equalTo("RECEIVED"));

    assertEquals(0, reports(theirs));
    assertEquals(1, reports(own));
    assertEquals(before, TestCallers.orderJson(theirs));
    assertEquals(List.of(), RecordingApplicationService.about(theirs));
  }

  @Test
  void S_FACTORY_1_a_factory_reads_and_lists_only_its_own_orders() {
    String card = orderedCard(BANK);
    String nowhere = UUID.randomUUID().toString();

    TestCallers.factory(OWN).get("/production-orders/{id}", card).then().statusCode(200);
    TestCallers.factory(OWN)
        .queryParam("bankCode", BANK)
        .queryParam("limit", 500)
        .get("/production-orders/overdue")
        .then()
        .statusCode(200)
        .body("orders.cardId", hasItem(card));

    for (String path :
        List.of("/production-orders/{id}", "/production-orders/{id}/deadline-history")) {
      Response theirs = TestCallers.factory(OTHER).get(path, card);
      Response none = TestCallers.factory(OTHER).get(path, nowhere);
      assertEquals(404, theirs.statusCode(), path);
      assertEquals(none.body().asString(), theirs.body().asString());
    }
    for (String listing : List.of("", "/overdue", "/due-today", "/deadline-unknown")) {
      TestCallers.factory(OTHER)
          .queryParam("bankCode", BANK)
          .get("/production-orders" + listing)
          .then()
          .statusCode(200)
          .body("total", equalTo(0));
    }
    TestCallers.factory(OTHER)
        .queryParam("bankCode", BANK)
        .get("/production-orders/summary")
        .then()
        .statusCode(200)
        .body("totals.overdue", equalTo(0))
        .body("totals.byStatus.size()", equalTo(0));
    TestCallers.factory(OTHER)
        .queryParam("limit", 500)
        .get("/production-orders/overdue")
        .then()
        .statusCode(200)
        .body("orders.cardId", not(hasItem(card)))
        .body("orders.bankCode", everyItem(equalTo("CCB")));
  }

  @Test
  void S_FACTORY_1_a_card_moved_to_another_bank_is_then_that_banks_factorys() {
    String card = orderedCard(BANK);
    CardEvents.issuingBankChanged(card, 1, "2025-03-01T02:00:00Z", BANK, "CCB");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", card)
                    .then()
                    .body("bankCode", equalTo("CCB"))
                    .body("factories", hasItem(OTHER)));

    TestCallers.factory(OTHER).get("/production-orders/{id}", card).then().statusCode(200);
    TestCallers.factory(OWN).get("/production-orders/{id}", card).then().statusCode(404);
    report(OWN, card, "produced", "{\"cardNumber\":\"A12345678\"}").then().statusCode(404);
    assertEquals(0, reports(card));
  }
}
