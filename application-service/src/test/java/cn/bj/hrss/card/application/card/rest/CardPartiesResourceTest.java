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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 items 3 and 4 through the real REST API: a bank acts only on its own cards, and a bank
 * or a factory names only registered outlets of the issuing bank (the outlet reference data) and
 * carriers' tracking numbers. Each refusal is checked with the card as it was: no event appended.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class CardPartiesResourceTest {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 400));
  private static final String ICBC_INSTANT = "工商银行北京西单支行";
  private static final String ICBC_OUTLET = "工商银行北京朝阳门支行";
  private static final String CCB_INSTANT = "建设银行北京通州支行";
  private static final String CARD_NUMBER = "P12345678";

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  /** A new retiree in the registry whose pension bank is ICBC. */
  static String newRetiree() {
    String idNumber = SampleRegistry.id("110106", 1951, 4, 5, 500 + NEXT.incrementAndGet());
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
                + String.join(",", idNumber, "钱测试", "RETIREE", "110106", "", "ICBC")
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return idNumber;
  }

  static String apply(String idNumber, String collection) {
    return Callers.citizen(idNumber)
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "钱测试", "mobile": "13512345678"},
             "bankCode": "ICBC", "collection": %s}
            """
                .formatted(idNumber, collection))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  static String producedForPickup(String idNumber) {
    String cardId =
        apply(
            idNumber,
            "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}".formatted(ICBC_OUTLET));
    produce(cardId);
    return cardId;
  }

  static String producedForMail(String idNumber) {
    String cardId = apply(idNumber, "{\"method\": \"MAIL\", \"address\": \"北京市海淀区测试路1号\"}");
    produce(cardId);
    return cardId;
  }

  private static void produce(String cardId) {
    factory()
        .body("{\"cardNumber\": \"%s\"}".formatted(CARD_NUMBER))
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);
  }

  private static io.restassured.specification.RequestSpecification factory() {
    return Callers.factory("ICBC-card-bureau");
  }

  private static io.restassured.specification.RequestSpecification icbc(String channel) {
    return Callers.as("BANK", "ICBC", channel);
  }

  /** A retiree's ICBC card collected at ICBC's outlet; returns its id. */
  private static String collectedCard(String idNumber) {
    String cardId = producedForPickup(idNumber);
    factory()
        .body("{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}".formatted(ICBC_OUTLET))
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
    icbc("BANK_OUTLET")
        .body("{\"outletName\": \"%s\"}".formatted(ICBC_OUTLET))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COLLECTED"));
    return cardId;
  }

  /** The card's version (its last event's sequence) and bank, as an operator reads it. */
  private static String stateOf(String cardId) {
    Response card = Callers.operator().get("/cards/{id}", cardId);
    return card.path("status") + " " + card.path("bankCode") + " v" + card.path("version");
  }

  private static Response bankChange(String bank, String channel, String cardId, String body) {
    return Callers.as("BANK", bank, channel).body(body).post("/cards/{id}/bank-change", cardId);
  }

  private static String inPerson(String bank, String cardNumber, String idNumber, String outlet) {
    return "{\"bankCode\": \"%s\", \"cardNumber\": \"%s\", \"idNumber\": \"%s\", \"outletName\": \"%s\"}"
        .formatted(bank, cardNumber, idNumber, outlet);
  }

  @Test
  void R_BANK_6_a_bank_does_not_move_another_banks_retiree_to_itself() {
    String idNumber = newRetiree();
    String cardId = collectedCard(idNumber);
    String before = stateOf(cardId);

    Response refused = bankChange("CCB", "BANK_API", cardId, "{\"bankCode\": \"CCB\"}");
    Response noCard =
        bankChange("CCB", "BANK_API", "no-such-card-" + cardId, "{\"bankCode\": \"CCB\"}");

    assertEquals(403, refused.statusCode());
    assertEquals(noCard.statusCode(), refused.statusCode());
    assertEquals(noCard.body().asString(), refused.body().asString());
    assertEquals(before, stateOf(cardId));
  }

  @Test
  void R_BANK_6_a_bank_without_the_holder_in_person_is_refused_as_for_no_card() {
    String idNumber = newRetiree();
    String cardId = collectedCard(idNumber);
    String before = stateOf(cardId);
    String noCard =
        bankChange(
                "CCB",
                "BANK_OUTLET_INSTANT",
                "no-such-card-" + cardId,
                inPerson("CCB", CARD_NUMBER, idNumber, CCB_INSTANT))
            .body()
            .asString();

    for (Response refused :
        new Response[] {
          // another number than the one printed on the card
          bankChange(
              "CCB",
              "BANK_OUTLET_INSTANT",
              cardId,
              inPerson("CCB", "X99999999", idNumber, CCB_INSTANT)),
          // another person's ID number
          bankChange(
              "CCB",
              "BANK_OUTLET_INSTANT",
              cardId,
              inPerson(
                  "CCB", CARD_NUMBER, SampleRegistry.id("110106", 1950, 1, 1, 7), CCB_INSTANT)),
          // the old bank's outlet, not the new bank's own
          bankChange(
              "CCB",
              "BANK_OUTLET_INSTANT",
              cardId,
              inPerson("CCB", CARD_NUMBER, idNumber, ICBC_INSTANT)),
          // an outlet the reference data does not know
          bankChange(
              "CCB",
              "BANK_OUTLET_INSTANT",
              cardId,
              inPerson("CCB", CARD_NUMBER, idNumber, "建设银行某支行")),
          // not in person
          bankChange(
              "CCB", "BANK_API", cardId, inPerson("CCB", CARD_NUMBER, idNumber, CCB_INSTANT)),
          // moving the card to a third bank
          bankChange(
              "CCB",
              "BANK_OUTLET_INSTANT",
              cardId,
              inPerson("BOC", CARD_NUMBER, idNumber, CCB_INSTANT))
        }) {
      assertEquals(403, refused.statusCode());
      assertEquals(noCard, refused.body().asString());
    }
    assertEquals(before, stateOf(cardId));
  }

  @Test
  void R_BANK_6_the_new_bank_moves_the_card_presented_at_its_outlet() {
    String idNumber = newRetiree();
    String cardId = collectedCard(idNumber);

    bankChange(
            "CCB",
            "BANK_OUTLET_INSTANT",
            cardId,
            inPerson("CCB", CARD_NUMBER, idNumber, CCB_INSTANT))
        .then()
        .statusCode(200)
        .body("bankCode", equalTo("CCB"));

    // The old bank no longer reaches the card: the same answer as for a card that is not there.
    Response old = icbc("BANK_API").get("/cards/{id}", cardId);
    assertEquals(403, old.statusCode());
    assertEquals(
        icbc("BANK_API").get("/cards/{id}", "no-such-card-" + cardId).body().asString(),
        old.body().asString());
  }

  @Test
  void R_BANK_6_the_holder_asks_for_the_change_online() {
    String idNumber = newRetiree();
    String cardId = collectedCard(idNumber);

    Callers.citizen(idNumber)
        .body("{\"bankCode\": \"CCB\"}")
        .post("/cards/{id}/bank-change", cardId)
        .then()
        .statusCode(200)
        .body("bankCode", equalTo("CCB"));
  }

  @Test
  void R_PICK_3_a_bank_does_not_activate_the_financial_function_at_another_banks_outlet() {
    String cardId = collectedCard(newRetiree());
    String before = stateOf(cardId);

    for (String outlet : new String[] {CCB_INSTANT, "工商银行某某支行", "请到 bjsb.example 激活"}) {
      icbc("BANK_OUTLET")
          .body("{\"bankCode\": \"ICBC\", \"outletName\": \"%s\"}".formatted(outlet))
          .post("/cards/{id}/financial-function", cardId)
          .then()
          .statusCode(409)
          .body("rule", equalTo("R-PICK-3"))
          .body("field", equalTo("outletName"));
    }
    assertEquals(before, stateOf(cardId));

    icbc("BANK_OUTLET")
        .body("{\"bankCode\": \"ICBC\", \"outletName\": \"%s\"}".formatted(ICBC_INSTANT))
        .post("/cards/{id}/financial-function", cardId)
        .then()
        .statusCode(200);
  }

  @Test
  void R_PICK_2_a_card_is_collected_only_at_a_registered_outlet_of_the_issuing_bank() {
    String cardId = producedForPickup(newRetiree());
    factory()
        .body("{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}".formatted(ICBC_OUTLET))
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
    String before = stateOf(cardId);

    for (String outlet : new String[] {CCB_INSTANT, "工商银行某某支行"}) {
      icbc("BANK_OUTLET")
          .body("{\"outletName\": \"%s\"}".formatted(outlet))
          .post("/cards/{id}/collection", cardId)
          .then()
          .statusCode(409)
          .body("rule", equalTo("R-PICK-2"));
    }
    assertEquals(before, stateOf(cardId));
  }

  @Test
  void R_PICK_2_a_card_is_dispatched_only_to_a_registered_outlet_of_the_issuing_bank() {
    String cardId = producedForPickup(newRetiree());
    String before = stateOf(cardId);

    for (String outlet : new String[] {CCB_INSTANT, "工商银行北京朝阳门支行（请加微信bjsb领取）", "某网点"}) {
      factory()
          .body("{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}".formatted(outlet))
          .post("/cards/{id}/dispatch", cardId)
          .then()
          .statusCode(409)
          .body("rule", equalTo("R-PICK-2"));
    }
    assertEquals(before, stateOf(cardId));

    factory()
        .body("{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}".formatted(ICBC_OUTLET))
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DISPATCHED"))
        .body("history[-1].eventType", equalTo("CardDispatched"))
        .body("history[-1].eventVersion", equalTo(2));
  }

  @Test
  void R_PICK_3_a_tracking_number_has_a_carriers_format() {
    String cardId = producedForMail(newRetiree());
    String before = stateOf(cardId);

    for (String tracking :
        new String[] {"EMS1234567890", "请致电01012345678取件", "SF123", "0101234567890"}) {
      factory()
          .body("{\"method\": \"MAIL\", \"trackingNumber\": \"%s\"}".formatted(tracking))
          .post("/cards/{id}/dispatch", cardId)
          .then()
          .statusCode(400)
          .body("rule", equalTo("R-PICK-3"))
          .body("field", equalTo("trackingNumber"));
    }
    assertEquals(before, stateOf(cardId));

    factory()
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"SF1234567890123\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DISPATCHED"));
  }

  @Test
  void R_LOSS_1_a_replacement_names_an_instant_outlet_of_the_issuing_bank() {
    String cardId = collectedCard(newRetiree());
    String before = stateOf(cardId);

    icbc("BANK_OUTLET_INSTANT")
        .body(
            "{\"reason\": \"LOST\", \"cardNumber\": \"Q12345678\", \"outletName\": \"%s\"}"
                .formatted(CCB_INSTANT))
        .post("/cards/{id}/replacement", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-LOSS-1"));
    assertEquals(before, stateOf(cardId));
  }
}
