package cn.bj.hrss.card.application.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * S-FACTORY-1 (issue 16, item 4; ADR 24): a card factory reaches a card only through
 * card-production-service, which holds it to the orders assigned to it and relays its reports with
 * its own identity. A factory's own token is refused here on every card command and read, and
 * nothing is appended to the card's stream.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class FactoriesOnlyThroughCardProductionTest {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 500));

  /** A new retiree of ICBC in the registry, who applies online to be sent the card by mail. */
  private static String appliedCard() {
    String idNumber = SampleRegistry.id("110106", 1951, 7, 8, 100 + NEXT.incrementAndGet());
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code,"
                + "holds_old_card,away_from_school\n"
                + String.join(",", idNumber, "钱测试", "RETIREE", "110106", "", "ICBC", "true", "")
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return Callers.citizen(idNumber)
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "钱测试", "mobile": "13512345679"},
             "bankCode": "ICBC", "collection": {"method": "MAIL", "address": "北京市海淀区1号"}}
            """
                .formatted(idNumber))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  @Test
  void S_FACTORY_1_a_factorys_own_token_is_refused_and_nothing_is_appended() {
    String cardId = appliedCard();

    Callers.as("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API")
        .body("{\"cardNumber\": \"F12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(403);
    Callers.as("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API")
        .body("{\"reason\": \"chip fault\"}")
        .post("/cards/{id}/production-failure", cardId)
        .then()
        .statusCode(403);
    Callers.as("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API")
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"EMS1\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(403);
    Callers.as("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API")
        .get("/cards/{id}", cardId)
        .then()
        .statusCode(403);
    Callers.as("CARD_FACTORY", "ICBC-card-bureau", "CARD_FACTORY_API")
        .get("/cards/{id}/progress", cardId)
        .then()
        .statusCode(403);

    Callers.auditor()
        .get("/audit/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("REQUESTED"))
        .body("history", hasSize(1));
  }

  @Test
  void S_FACTORY_1_the_factorys_report_relayed_by_card_production_service_is_recorded() {
    String cardId = appliedCard();

    Callers.factory("ICBC-card-bureau")
        .body("{\"cardNumber\": \"F12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("PRODUCED"));
    Callers.auditor()
        .get("/audit/cards/{id}", cardId)
        .then()
        .body("history", hasSize(2))
        .body("history[1].actorRole", equalTo("CARD_FACTORY"))
        .body("history[1].actorId", equalTo("ICBC-card-bureau"));
  }
}
