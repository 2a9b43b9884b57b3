package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loss report, cancellation and replacement over REST, and the old-generation answers. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class LossAndReplacementResourceTest {

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  private static RequestSpecification as(String role, String id, String channel) {
    return Callers.as(role, id, channel);
  }

  /**
   * A self-insured student of the test's own (R-BANK-3: any bank), loaded through the registry
   * import. The sample's student is insured through her university, whose banks do not include
   * ICBC.
   */
  private static final String STUDENT =
      SampleRegistry.id("110108", 2004, 7, 7, (int) (System.nanoTime() % 900) + 50);

  /** The student's card, applied for on her own, produced, mailed and delivered. */
  private static String deliveredCard() {
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(STUDENT + ",周自保,COLLEGE_STUDENT,110108,,\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    String cardId =
        as("CITIZEN", STUDENT, "BUREAU_WEBSITE")
            .body(
                """
                {"applicant": {"idNumber": "%s", "name": "周自保", "mobile": "13500003333"},
                 "bankCode": "ICBC",
                 "collection": {"method": "MAIL", "address": "北京市海淀区颐和园路5号"}}
                """
                    .formatted(STUDENT))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    Callers.factory("f")
        .body("{\"cardNumber\": \"S12345678\"}")
        .post("/cards/{id}/production", cardId);
    Callers.factory("f")
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"SF100000000001\"}")
        .post("/cards/{id}/dispatch", cardId);
    as("BANK", "ICBC", "BANK_API")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", cardId)
        .then()
        .statusCode(200);
    return cardId;
  }

  @Test
  void a_lost_card_is_blocked_then_replaced_on_the_spot_and_the_new_card_is_free() {
    String cardId = deliveredCard();
    as("CITIZEN", STUDENT, "BEIJING_HRSS_WECHAT")
        .post("/cards/{id}/loss-report", cardId)
        .then()
        .statusCode(200)
        .body("blockedByLossReport", equalTo(true));

    String newCardId =
        as("BANK", "ICBC", "BANK_OUTLET_INSTANT")
            .body(
                "{\"reason\": \"LOST\", \"cardNumber\": \"S87654321\","
                    + " \"outletName\": \"工商银行北京西单支行\"}")
            .post("/cards/{id}/replacement", cardId)
            .then()
            .statusCode(201)
            .body("status", equalTo("COLLECTED"))
            .body("cardNumber", equalTo("S87654321"))
            .body("fees.productionFeeYuan", equalTo(0))
            .body("fees.courierFeeYuan", equalTo(0))
            .body("functions", hasItems("金融服务", "国密算法", "非接触"))
            .extract()
            .path("cardId");

    Callers.operator()
        .get("/cards/{id}", cardId)
        .then()
        .body("status", equalTo("REPLACED"))
        .body("replacedBy", equalTo(newCardId));
    as("CITIZEN", STUDENT, "BEIJING_HRSS_WECHAT")
        .post("/cards/{id}/loss-report/cancellation", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-LOSS-1"));
  }

  @Test
  void R_PHASE_2_an_old_card_replacement_in_the_normal_phase_means_a_third_generation_card() {
    String idNumber = SampleRegistry.id("110106", 1975, 5, 5, 901);
    as("CITIZEN", idNumber, "BUREAU_WEBSITE")
        .body("{\"idNumber\": \"%s\"}".formatted(idNumber))
        .post("/old-generation-cards/replacement")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-PHASE-2"));
  }
}
