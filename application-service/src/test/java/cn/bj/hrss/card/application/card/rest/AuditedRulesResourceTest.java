package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of the issue 17 audit through the real REST API: who may report on-the-spot production
 * (R-SLA-2), the first issue and the exchange in the events and the views with the old card's end
 * at the very instant of the enabling (R-OLD-2), a retiree's replacement card (R-BANK-6).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class AuditedRulesResourceTest {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 500));
  private static final String INSTANT_OUTLET = "工商银行北京西单支行";

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  /** A new person in the registry, with their own ID number (no earlier application). */
  private static String newPerson(String category, boolean holdsOldCard, String pensionBank) {
    String idNumber = SampleRegistry.id("110106", 1950, 2, 3, 100 + NEXT.incrementAndGet());
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code,"
                + "holds_old_card,away_from_school\n"
                + String.join(
                    ",",
                    idNumber,
                    "赵测试",
                    category,
                    "110106",
                    "",
                    pensionBank,
                    Boolean.toString(holdsOldCard),
                    "")
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return idNumber;
  }

  private static String applyAtTheInstantOutlet(String idNumber) {
    return Callers.as("BANK", "ICBC", "BANK_OUTLET_INSTANT")
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "赵测试", "mobile": "13512345678"},
             "bankCode": "ICBC",
             "collection": {"method": "OUTLET_PICKUP", "outletName": "%s"}}
            """
                .formatted(idNumber, INSTANT_OUTLET))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  private static Response reportProduction(String bank, String channel, String cardId) {
    return Callers.as("BANK", bank, channel)
        .body("{\"cardNumber\": \"I12345678\"}")
        .post("/cards/{id}/production", cardId);
  }

  @Test
  void R_SLA_2_the_issuing_bank_records_on_the_spot_production_and_hands_the_card_over() {
    String cardId = applyAtTheInstantOutlet(newPerson("RETIREE", true, "ICBC"));

    reportProduction("ICBC", "BANK_OUTLET_INSTANT", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("PRODUCED"))
        .body("cardNumber", equalTo("I12345678"));
    Callers.as("BANK", "ICBC", "BANK_OUTLET_INSTANT")
        .body("{\"outletName\": \"%s\"}".formatted(INSTANT_OUTLET))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COLLECTED"));
  }

  @Test
  void R_SLA_2_another_bank_is_refused_exactly_as_for_a_card_that_is_not_there() {
    String cardId = applyAtTheInstantOutlet(newPerson("RETIREE", true, "ICBC"));

    Response otherBank = reportProduction("CCB", "BANK_OUTLET_INSTANT", cardId);
    Response noCard = reportProduction("CCB", "BANK_OUTLET_INSTANT", "no-such-card-" + cardId);

    assertEquals(403, otherBank.statusCode());
    assertEquals(noCard.statusCode(), otherBank.statusCode());
    assertEquals(noCard.body().asString(), otherBank.body().asString());
    Callers.operator().get("/cards/{id}", cardId).then().body("status", equalTo("REQUESTED"));
  }

  @Test
  void R_SLA_2_a_bank_does_not_report_production_of_its_card_applied_for_online() {
    String idNumber = newPerson("RETIREE", true, "ICBC");
    String cardId =
        Callers.citizen(idNumber)
            .body(
                """
                {"applicant": {"idNumber": "%s", "name": "赵测试", "mobile": "13512345678"},
                 "bankCode": "ICBC",
                 "collection": {"method": "OUTLET_PICKUP", "outletName": "%s"}}
                """
                    .formatted(idNumber, INSTANT_OUTLET))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");

    reportProduction("ICBC", "BANK_OUTLET_INSTANT", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-SLA-2"));
  }

  /** A card applied for and handed over on the spot, then enabled; returns its id. */
  private static String enabledCard(String idNumber) {
    String cardId = applyAtTheInstantOutlet(idNumber);
    reportProduction("ICBC", "BANK_OUTLET_INSTANT", cardId).then().statusCode(200);
    Callers.as("BANK", "ICBC", "BANK_OUTLET_INSTANT")
        .body("{\"outletName\": \"%s\"}".formatted(INSTANT_OUTLET))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200);
    Callers.as("BANK", "ICBC", "BANK_OUTLET_INSTANT")
        .post("/cards/{id}/social-function", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));
    return cardId;
  }

  @Test
  void R_OLD_2_the_old_card_ends_at_the_instant_of_the_enabling_and_the_card_then_shows_both() {
    String cardId = enabledCard(newPerson("RETIREE", true, "ICBC"));

    List<Map<String, Object>> history =
        Callers.auditor().get("/audit/cards/{id}", cardId).then().extract().path("history");
    Map<String, Object> enabled = history.get(history.size() - 2);
    Map<String, Object> invalidated = history.get(history.size() - 1);
    assertEquals("SocialFunctionEnabled", enabled.get("eventType"));
    assertEquals(2, enabled.get("eventVersion"));
    assertEquals("OldCardInvalidated", invalidated.get("eventType"));
    assertEquals(enabled.get("occurredAt"), invalidated.get("occurredAt"));

    Callers.auditor()
        .queryParam("asOf", enabled.get("occurredAt"))
        .get("/audit/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"))
        .body("oldCardInvalidated", equalTo(true))
        .body("issue", equalTo("EXCHANGE"))
        .body("issueName", equalTo("换领"));
  }

  @Test
  void R_OLD_2_a_first_issue_is_enabled_without_an_old_card_being_invalidated() {
    String cardId = enabledCard(newPerson("RETIREE", false, "ICBC"));

    Callers.auditor()
        .get("/audit/cards/{id}", cardId)
        .then()
        .body("issue", equalTo("FIRST_ISSUE"))
        .body("issueName", equalTo("新发"))
        .body("oldCardInvalidated", equalTo(false))
        .body("history[-1].eventType", equalTo("SocialFunctionEnabled"))
        .body(
            "history.eventType",
            org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("OldCardInvalidated")));
  }

  @Test
  void R_BANK_6_a_retiree_changes_the_bank_of_a_replacement_card() {
    String idNumber = newPerson("RETIREE", true, "ICBC");
    String cardId = enabledCard(idNumber);
    String newCardId =
        Callers.as("BANK", "ICBC", "BANK_OUTLET_INSTANT")
            .body(
                "{\"reason\": \"DAMAGED\", \"cardNumber\": \"R12345678\", \"outletName\": \"%s\"}"
                    .formatted(INSTANT_OUTLET))
            .post("/cards/{id}/replacement", cardId)
            .then()
            .statusCode(201)
            .body("issue", equalTo("REPLACEMENT"))
            .extract()
            .path("cardId");

    Callers.citizen(idNumber)
        .body("{\"bankCode\": \"CCB\"}")
        .post("/cards/{id}/bank-change", newCardId)
        .then()
        .statusCode(200)
        .body("bankCode", equalTo("CCB"));
  }
}
