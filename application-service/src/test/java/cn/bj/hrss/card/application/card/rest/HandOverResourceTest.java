package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 at the REST boundary: mail that fails (S-MAIL-2), collection by a proxy (S-PROXY-1) and
 * the card's end by an operator or the insured registry (S-END-1). Each new command refuses a
 * stranger and another bank exactly like a card that is not there, and records nothing for them.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class HandOverResourceTest {

  private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 500));
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final String TRACKING = "SF100000000018";
  private static final String IMPORT_HEADER =
      "id_number,name,category,district_code,organisation_id,pension_bank_code,"
          + "holds_old_card,away_from_school,guardian_id_numbers,ended\n";

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  /** A new retiree's ICBC card, produced and dispatched by mail or to ICBC's outlet. */
  private static String dispatched(String holder, boolean byMail) {
    String cardId =
        byMail
            ? CardPartiesResourceTest.producedForMail(holder)
            : CardPartiesResourceTest.producedForPickup(holder);
    Callers.factory("f")
        .body(
            byMail
                ? "{\"method\": \"MAIL\", \"trackingNumber\": \"" + TRACKING + "\"}"
                : "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"" + OUTLET + "\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DISPATCHED"));
    return cardId;
  }

  private static ValidatableResponse importRows(String rows) {
    return Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(IMPORT_HEADER + rows)
        .post("/insured-persons/import")
        .then()
        .statusCode(200);
  }

  private static RequestSpecification bank(String code) {
    return Callers.as("BANK", code, "BANK_OUTLET");
  }

  private static int version(String cardId) {
    return Callers.operator().get("/cards/{id}", cardId).then().extract().path("version");
  }

  /**
   * The one refusal of a caller who may not reach the card: the body a bank gets for a card that is
   * not there.
   */
  private static void deniedLikeNoCard(ValidatableResponse response) {
    java.util.Map<String, Object> noCard =
        bank("CMB")
            .body(mailReturn(TRACKING, OUTLET))
            .post("/cards/{id}/mail-return", UUID.randomUUID().toString())
            .then()
            .statusCode(403)
            .extract()
            .as(java.util.Map.class);
    assertEquals("ACCESS-DENIED", noCard.get("rule"));
    assertEquals(noCard, response.statusCode(403).extract().as(java.util.Map.class));
  }

  private static String mailReturn(String tracking, String outlet) {
    return """
        {"trackingNumber": "%s", "reason": "UNDELIVERABLE", "outletName": "%s"}
        """
        .formatted(tracking, outlet);
  }

  private static String byProxy(String name, String idNumber, String authorisation) {
    return """
        {"outletName": "%s", "proxy": {"name": "%s", "idNumber": "%s"}, "authorisation": "%s"}
        """
        .formatted(OUTLET, name, idNumber, authorisation);
  }

  @Test
  void S_MAIL_2_the_issuing_bank_reports_failed_mail_and_a_proxy_collects_the_card_at_its_outlet() {
    String holder = CardPartiesResourceTest.newRetiree();
    String cardId = dispatched(holder, true);
    int before = version(cardId);

    // a stranger, another bank and an unknown card: one refusal, nothing recorded
    deniedLikeNoCard(
        Callers.citizen(CardPartiesResourceTest.newRetiree())
            .body(mailReturn(TRACKING, OUTLET))
            .post("/cards/{id}/mail-return", cardId)
            .then());
    deniedLikeNoCard(
        bank("CMB")
            .body(mailReturn(TRACKING, OUTLET))
            .post("/cards/{id}/mail-return", cardId)
            .then());
    deniedLikeNoCard(
        Callers.relayedBank("CMB")
            .body(mailReturn(TRACKING, OUTLET))
            .post("/cards/{id}/mail-return", cardId)
            .then());
    deniedLikeNoCard(
        bank("ICBC")
            .body(mailReturn(TRACKING, OUTLET))
            .post("/cards/{id}/mail-return", UUID.randomUUID().toString())
            .then());
    // the issuing bank, with another tracking number or another bank's outlet
    bank("ICBC")
        .body(mailReturn("SF100000000025", OUTLET))
        .post("/cards/{id}/mail-return", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-MAIL-2"))
        .body("field", equalTo("trackingNumber"));
    bank("ICBC")
        .body(mailReturn(TRACKING, "邮储银行北京海淀支行"))
        .post("/cards/{id}/mail-return", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-MAIL-2"))
        .body("field", equalTo("outletName"));
    assertEquals(before, version(cardId));

    Callers.relayedBank("ICBC")
        .body(mailReturn(TRACKING, OUTLET))
        .post("/cards/{id}/mail-return", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DISPATCHED"))
        .body("collectionMethod", equalTo("OUTLET_PICKUP"));

    String proxyId = SampleRegistry.id("110105", 1985, 6, 1, NEXT.incrementAndGet());
    bank("ICBC")
        .body(byProxy("李建国", proxyId, "SQ2026000123"))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COLLECTED"))
        .body("history.eventType", hasItems("MailReturned", "CardCollected"));

    CardCollected collected =
        (CardCollected)
            new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
                    .readByKey(Topics.CARD_LIFECYCLE, cardId, before + 3, Duration.ofSeconds(30))
                    .stream()
                    .map(EventCodec::decode)
                    .filter(event -> event.eventType().equals("CardCollected"))
                    .findFirst()
                    .orElseThrow()
                    .payload();
    assertEquals(
        new CardCollected(
            OUTLET,
            CardCollected.PROXY,
            new CardCollected.MaskedPerson("李*国", "110105********" + proxyId.substring(14)),
            "SQ2026000123"),
        collected);
  }

  @Test
  void S_PROXY_1_a_proxy_needs_the_authorisation_is_an_adult_and_is_not_the_holder() {
    String holder = CardPartiesResourceTest.newRetiree();
    String cardId = dispatched(holder, false);
    String adult = SampleRegistry.id("110105", 1985, 6, 1, NEXT.incrementAndGet());
    bank("ICBC")
        .body(
            "{\"outletName\": \"%s\", \"proxy\": {\"name\": \"李建国\", \"idNumber\": \"%s\"}}"
                .formatted(OUTLET, adult))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(400)
        .body("rule", equalTo("S-PROXY-1"))
        .body("field", equalTo("authorisation"));
    bank("ICBC")
        .body(byProxy("李小军", SampleRegistry.id("110105", 2015, 1, 1, 7), "SQ2026000124"))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-PROXY-1"))
        .body("field", equalTo("proxy.idNumber"));
    bank("ICBC")
        .body(byProxy("钱测试", holder, "SQ2026000125"))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-PROXY-1"));
    deniedLikeNoCard(
        bank("CMB")
            .body(byProxy("李建国", adult, "SQ2026000126"))
            .post("/cards/{id}/collection", cardId)
            .then());
    Callers.operator().get("/cards/{id}", cardId).then().body("status", equalTo("DISPATCHED"));
  }

  @Test
  void S_END_1_an_operator_cancels_a_card_and_it_refuses_every_later_command() {
    String holder = CardPartiesResourceTest.newRetiree();
    String cardId =
        CardPartiesResourceTest.apply(
            holder, "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"" + OUTLET + "\"}");
    String body = "{\"reason\": \"DECEASED\", \"note\": \"家属持死亡证明到街道办理\"}";

    deniedLikeNoCard(
        Callers.citizen(holder).body(body).post("/cards/{id}/cancellation", cardId).then());
    deniedLikeNoCard(bank("ICBC").body(body).post("/cards/{id}/cancellation", cardId).then());
    deniedLikeNoCard(
        Callers.relayedBank("ICBC").body(body).post("/cards/{id}/cancellation", cardId).then());
    Callers.operator()
        .body("{\"reason\": \"DECEASED\", \"note\": \"第一行\\n第二行\"}")
        .post("/cards/{id}/cancellation", cardId)
        .then()
        .statusCode(400)
        .body("rule", equalTo("S-END-1"))
        .body("field", equalTo("note"));
    assertEquals(0, version(cardId));

    Callers.operator()
        .body(body)
        .post("/cards/{id}/cancellation", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"))
        .body("history[1].eventType", equalTo("CardCancelled"))
        .body("history[1].actorRole", equalTo("OPERATOR"));

    Callers.operator()
        .body(body)
        .post("/cards/{id}/cancellation", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-END-1"))
        .body("message", equalTo("该卡已注销（持卡人身故、出境定居等），不能再办理任何业务。"));
    Callers.factory("f")
        .body("{\"cardNumber\": \"T12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-END-1"));
    Callers.citizen(holder)
        .post("/cards/{id}/loss-report", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-END-1"));
    assertEquals(1, version(cardId));
  }

  @Test
  void S_END_1_the_registry_import_cancels_every_live_card_of_a_person_who_died() {
    String holder = CardPartiesResourceTest.newRetiree();
    String cardId = dispatched(holder, false);
    String importId =
        importRows(holder + ",钱测试,RETIREE,110106,,ICBC,,,,DECEASED\n")
            .body("rowsApplied", equalTo(1))
            .body("cardsCancelled", equalTo(1))
            .extract()
            .path("importId");

    Callers.operator()
        .get("/cards/{id}", cardId)
        .then()
        .body("status", equalTo("CANCELLED"))
        .body("history[3].eventType", equalTo("CardCancelled"))
        .body("history[3].actorRole", equalTo("OPERATOR"))
        .body("history[3].actorId", equalTo("op-1"))
        .body("history[3].correlationId", equalTo(importId));
    Callers.operator()
        .get("/imports/{id}", importId)
        .then()
        .statusCode(200)
        .body("cardsCancelled", equalTo(1));

    // an import run again cancels nothing more; a bad value of the column is a rejected row
    importRows(holder + ",钱测试,RETIREE,110106,,ICBC,,,,DECEASED\n")
        .body("cardsCancelled", equalTo(0));
    importRows(holder + ",钱测试,RETIREE,110106,,ICBC,,,,RETIRED\n")
        .body("rowsRejected", equalTo(1))
        .body("firstErrors.field", equalTo(List.of("ended")))
        .body("firstErrors.rule", equalTo(List.of("S-END-1")));
    assertEquals(3, version(cardId));
  }

  /** {@code citizen}'s application for the person of {@code applicant}, at ICBC's outlet. */
  private static ValidatableResponse application(String citizen, String applicant) {
    return Callers.citizen(citizen)
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "钱测试", "mobile": "13512345678"},
             "bankCode": "ICBC", "collection": {"method": "OUTLET_PICKUP", "outletName": "%s"}}
            """
                .formatted(applicant, OUTLET))
        .post("/cards")
        .then();
  }

  /** The person's own application, answered with its status (201 new, 200 existing). */
  private static ValidatableResponse applyAgain(String holder) {
    return application(holder, holder);
  }

  @Test
  void S_END_1_an_operators_cancellation_releases_the_one_application_claim() {
    String holder = CardPartiesResourceTest.newRetiree();
    String cardId =
        CardPartiesResourceTest.apply(
            holder, "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"" + OUTLET + "\"}");
    Callers.operator()
        .body("{\"reason\": \"OTHER\", \"note\": \"误登记为身故，已核实更正\"}")
        .post("/cards/{id}/cancellation", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));

    String newCardId =
        applyAgain(holder)
            .statusCode(201)
            .body("existing", equalTo(false))
            .extract()
            .path("cardId");
    assertNotEquals(cardId, newCardId);
    assertEquals("CANCELLED", Callers.operator().get("/cards/{id}", cardId).path("status"));
  }

  @Test
  void S_END_1_a_person_the_registry_ended_does_not_apply_until_the_import_clears_it() {
    String holder = CardPartiesResourceTest.newRetiree();
    String cardId = dispatched(holder, false);
    importRows(holder + ",钱测试,RETIREE,110106,,ICBC,,,,DECEASED\n")
        .body("cardsCancelled", equalTo(1));

    applyAgain(holder)
        .statusCode(409)
        .body("rule", equalTo("S-END-1"))
        .body("message", containsString("社会保险关系已终止"));
    // a stranger learns nothing of it: the refusal of anyone applying for someone not theirs
    String stranger = CardPartiesResourceTest.newRetiree();
    java.util.Map<String, Object> forAnEndedPerson =
        application(stranger, holder).statusCode(403).extract().as(java.util.Map.class);
    java.util.Map<String, Object> forAnyoneElse =
        application(stranger, CardPartiesResourceTest.newRetiree())
            .statusCode(403)
            .extract()
            .as(java.util.Map.class);
    assertEquals(forAnyoneElse, forAnEndedPerson);

    // empty leaves the ending as it is; none clears it, and the person applies for a new card
    importRows(holder + ",钱测试,RETIREE,110106,,ICBC,,,,\n").body("rowsApplied", equalTo(1));
    applyAgain(holder).statusCode(409).body("rule", equalTo("S-END-1"));
    importRows(holder + ",钱测试,RETIREE,110106,,ICBC,,,,none\n")
        .body("rowsApplied", equalTo(1))
        .body("cardsCancelled", equalTo(0));
    String newCardId = applyAgain(holder).statusCode(201).extract().path("cardId");
    assertNotEquals(cardId, newCardId);
  }
}
