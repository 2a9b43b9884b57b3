package cn.bj.hrss.card.production.factory;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The factory's reports on the orders assigned to it are checked, stored and kept until
 * application-service settles them; in these tests application-service is not there at all, so they
 * stay pending and say why.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class FactoryReportIntakeTest {

  private static String produced(String factory, String cardId, String body, int status) {
    return TestCallers.factory(factory)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/factories/{f}/cards/{c}/produced", factory, cardId)
        .then()
        .statusCode(status)
        .extract()
        .path("reportId");
  }

  /** A card of {@code bank} whose order is here (its factories are the bank's card bureaus). */
  private static String orderedCard(String bank) {
    String cardId = UUID.randomUUID().toString();
    CardEvents.requestedByMail(cardId, bank, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    awaitOrders(bank, List.of(cardId));
    return cardId;
  }

  private static void awaitOrders(String bank, List<String> cardIds) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              if (cardIds.size() == 1) {
                TestCallers.operator()
                    .get("/production-orders/{id}", cardIds.get(0))
                    .then()
                    .statusCode(200);
              } else {
                TestCallers.operator()
                    .queryParam("bankCode", bank)
                    .queryParam("limit", 1)
                    .get("/production-orders")
                    .then()
                    .body("total", equalTo(cardIds.size()));
              }
            });
  }

  @Test
  void a_report_is_stored_at_once_and_retried_while_application_service_is_down() {
    String cardId = orderedCard("ICBC");
    String reportId = produced("ICBC-card-bureau", cardId, "{\"cardNumber\":\"A12345678\"}", 202);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/factory-reports/{id}", reportId)
                    .then()
                    .body("state", equalTo("PENDING"))
                    .body("cardId", equalTo(cardId))
                    .body("attempts", greaterThanOrEqualTo(1))
                    .body("lastError", containsString("did not answer")));
  }

  @Test
  void a_bad_card_number_is_refused_with_its_rule() {
    TestCallers.factory("ICBC-card-bureau")
        .contentType(ContentType.JSON)
        .body("{\"cardNumber\":\"a1234\"}")
        .post("/factories/ICBC-card-bureau/cards/{c}/produced", UUID.randomUUID().toString())
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-CARD-NUMBER"))
        .body("detail", containsString("[0-9A-Z]{9}"));
  }

  @Test
  void R_PICK_3_a_mail_dispatch_without_tracking_number_is_refused() {
    TestCallers.factory("ICBC-card-bureau")
        .contentType(ContentType.JSON)
        .body("{\"method\":\"MAIL\"}")
        .post("/factories/ICBC-card-bureau/cards/{c}/dispatches", UUID.randomUUID().toString())
        .then()
        .statusCode(400)
        .body("rule", equalTo("R-PICK-3"));
  }

  @Test
  void a_reference_sent_again_gives_the_same_report_and_never_a_second_one() {
    String cardId = orderedCard("CCB");
    String reference = "line-" + UUID.randomUUID();
    String body = "{\"cardNumber\":\"A12345678\",\"reference\":\"" + reference + "\"}";
    String first = produced("CCB-card-bureau", cardId, body, 202);
    String again = produced("CCB-card-bureau", cardId, body, 200);
    org.junit.jupiter.api.Assertions.assertEquals(first, again);
    TestCallers.factory("CCB-card-bureau")
        .contentType(ContentType.JSON)
        .body("{\"cardNumber\":\"B12345678\",\"reference\":\"" + reference + "\"}")
        .post("/factories/CCB-card-bureau/cards/{c}/produced", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("REPORT-REFERENCE"));
  }

  @Test
  void a_batch_stores_its_valid_lines_and_rejects_the_others_one_by_one() {
    String card = orderedCard("ABC");
    TestCallers.factory("ABC-card-bureau")
        .contentType(ContentType.JSON)
        .body(
            "{\"reports\":["
                + "{\"cardId\":\""
                + card
                + "\",\"kind\":\"PRODUCED\",\"cardNumber\":\"A12345678\"},"
                + "{\"cardId\":\""
                + card
                + "\",\"kind\":\"PRODUCED\",\"cardNumber\":\"bad\"},"
                + "{\"cardId\":\""
                + card
                + "\",\"kind\":\"DISPATCHED\",\"method\":\"MAIL\","
                + "\"trackingNumber\":\"SF1234567890123\"}]}")
        .post("/factories/ABC-card-bureau/reports")
        .then()
        .statusCode(202)
        .body("received", equalTo(2))
        .body("rejected", equalTo(1))
        .body("lines[1].outcome", equalTo("REJECTED"))
        .body("lines[1].error.rule", equalTo("INPUT-CARD-NUMBER"))
        .body("lines[2].reportId", notNullValue());
    TestCallers.operator()
        .queryParam("cardId", card)
        .get("/factory-reports")
        .then()
        .body("total", equalTo(2))
        .body("reports[0].kind", equalTo("PRODUCED"))
        .body("reports[1].kind", equalTo("DISPATCHED"));
  }

  @Test
  void a_factory_file_of_thousands_of_cards_is_received_in_one_request() {
    int lines = 2000;
    String bank = CardEvents.newBank();
    String factory = bank + "-card-bureau";
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body("{\"factories\":[\"" + factory + "\"],\"reason\":\"测试\"}")
        .put("/factory-assignments/{b}", bank)
        .then()
        .statusCode(200);
    List<String> cards = Stream.generate(() -> UUID.randomUUID().toString()).limit(lines).toList();
    CardEvents.requestedByMail(cards, bank, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    awaitOrders(bank, cards);
    StringBuilder body = new StringBuilder("{\"reports\":[");
    for (int i = 0; i < lines; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"reference\":\"f-")
          .append(i)
          .append("\",\"cardId\":\"")
          .append(cards.get(i))
          .append("\",\"kind\":\"PRODUCED\",\"cardNumber\":\"")
          .append(String.format("F%08d", i))
          .append("\"}");
    }
    long start = System.nanoTime();
    TestCallers.factory(factory)
        .contentType(ContentType.JSON)
        .body(body.append("]}").toString())
        .post("/factories/{f}/reports", factory)
        .then()
        .statusCode(202)
        .body("received", equalTo(lines));
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "received a factory file of %d reports in %d ms (%d reports/s)%n",
        lines, ms, lines * 1000L / Math.max(ms, 1));
    TestCallers.operator()
        .queryParam("factoryId", factory)
        .get("/factory-reports")
        .then()
        .body("total", equalTo(lines));
  }
}
