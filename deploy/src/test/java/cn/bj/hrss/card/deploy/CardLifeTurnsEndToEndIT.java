package cn.bj.hrss.card.deploy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.sample.SampleRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 9: the turns a card's life takes, across the four services as separate processes on
 * one real PostgreSQL and one real Kafka broker. One card is changed before production, its mail
 * fails, a proxy collects it at the outlet, and it is cancelled; another application is withdrawn
 * and the person applies again. Each service's projection follows, and the holder's phone receives
 * what it should and nothing after the end.
 */
class CardLifeTurnsEndToEndIT {

  private static final String FACTORY = "ICBC-card-bureau";
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final String PROXY_ID_NUMBER = IdNumber.withCheckCharacter("11010119800101001");

  private static DrillSuite suite;
  private static SuiteTokens tokens;
  private static SuiteCalls calls;

  @BeforeAll
  static void startSuite() {
    tokens = SuiteTokens.startInTemporaryDirectory();
    suite = DrillSuite.start(tokens, "life-turns-logs");
    calls = new SuiteCalls(suite, tokens, FACTORY);
    SampleRegistry.loadInto(suite.url("application-service"), 20, tokens.issuer());
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  private static List<String> templates(String cardId) {
    return calls
        .read("notification-service", "OPERATOR", "e2e")
        .get("/notifications/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .extract()
        .path("template");
  }

  @Test
  void a_card_is_changed_its_mail_fails_a_proxy_collects_it_and_it_is_cancelled() {
    SampleRegistry.Person holder = SampleRegistry.RETIREE;
    String cardId =
        calls
            .as("CITIZEN", holder.idNumber(), "JINGTONG_MINI_PROGRAM")
            .body(
                """
                {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "%s"},
                 "bankCode": "ICBC",
                 "collection": {"method": "MAIL", "address": "北京市东城区东四北大街1号"}}
                """
                    .formatted(holder.idNumber(), holder.name(), holder.mobile()))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    SuiteCalls.eventually(
        () ->
            calls
                .read("bank-gateway-service", "BANK", "ICBC")
                .get("/banks/ICBC/cards/{id}", cardId)
                .then()
                .statusCode(200));

    // S-CHANGE-1: before production the holder changes the mailing address.
    calls
        .as("CITIZEN", holder.idNumber(), "JINGTONG_MINI_PROGRAM")
        .body(
            """
            {"collection": {"method": "MAIL", "address": "北京市东城区朝阳门内大街2号"}}
            """)
        .post("/cards/{id}/application-change", cardId)
        .then()
        .statusCode(200);
    SuiteCalls.eventually(
        () ->
            calls
                .read("bank-gateway-service", "BANK", "ICBC")
                .get("/banks/ICBC/cards/{id}", cardId)
                .then()
                .statusCode(200)
                .body("address", equalTo("北京市东城区朝阳门内大街2号")));

    calls.factoryReport(cardId, "produced", "{\"cardNumber\": \"A23456789\"}", "PRODUCED");
    // after production the application is what it is
    calls
        .as("CITIZEN", holder.idNumber(), "JINGTONG_MINI_PROGRAM")
        .body("{\"collection\": {\"method\": \"MAIL\", \"address\": \"北京市东城区东四北大街9号\"}}")
        .post("/cards/{id}/application-change", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-CHANGE-1"));
    calls.factoryReport(
        cardId,
        "dispatches",
        "{\"method\": \"MAIL\", \"trackingNumber\": \"EA123456785CN\"}",
        "DISPATCHED");

    // S-MAIL-2: the mail comes back; the issuing bank has the card wait at its outlet.
    calls
        .as("BANK", "ICBC", "BANK_API")
        .body(
            """
            {"trackingNumber": "EA123456785CN", "reason": "UNDELIVERABLE", "outletName": "%s"}
            """
                .formatted(OUTLET))
        .post("/cards/{id}/mail-return", cardId)
        .then()
        .statusCode(200);

    // S-PROXY-1: his daughter collects it with his written authorisation.
    calls
        .as("BANK", "ICBC", "BANK_OUTLET")
        .body(
            """
            {"outletName": "%s", "proxy": {"name": "王丽", "idNumber": "%s"},
             "authorisation": "SQ20260001"}
            """
                .formatted(OUTLET, PROXY_ID_NUMBER))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COLLECTED"));
    SuiteCalls.eventually(
        () ->
            assertTrue(
                suite.smsGateway.received(holder.mobile()).stream()
                    .anyMatch(m -> String.valueOf(m.get("text")).contains("王*")),
                "the holder is told who collected the card, masked: "
                    + suite.smsGateway.received(holder.mobile())));

    // S-END-1: the holder died; an operator cancels the card.
    calls
        .as("OPERATOR", "op-e2e", "OPERATOR_CONSOLE")
        .body("{\"reason\": \"DECEASED\", \"note\": \"民政部门死亡登记核实\"}")
        .post("/cards/{id}/cancellation", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
    calls
        .as("BANK", "ICBC", "BANK_OUTLET")
        .post("/cards/{id}/social-function", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-END-1"));

    SuiteCalls.eventually(
        () ->
            calls
                .read("bank-gateway-service", "BANK", "ICBC")
                .get("/banks/ICBC/cards/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED")));
    SuiteCalls.eventually(
        () ->
            calls
                .read("card-production-service", "OPERATOR", "e2e")
                .get("/production-orders/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED")));
    SuiteCalls.eventually(
        () ->
            assertTrue(templates(cardId).contains("MAIL_RETURNED"), templates(cardId).toString()));
    int atTheEnd = suite.smsGateway.received(holder.mobile()).size();
    // Every projection has seen the cancellation (above); nothing more reaches the phone.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> suite.smsGateway.received(holder.mobile()).size() == atTheEnd);
  }

  @Test
  void a_withdrawn_application_produces_nothing_and_the_person_applies_again() {
    SampleRegistry.Person person = SampleRegistry.GUARDIAN;
    String application =
        """
        {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "%s"},
         "bankCode": "BOB",
         "collection": {"method": "MAIL", "address": "北京市海淀区中关村南大街5号"}}
        """
            .formatted(person.idNumber(), person.name(), person.mobile());
    String first =
        calls
            .as("CITIZEN", person.idNumber(), "BEIJING_HRSS_WECHAT")
            .body(application)
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    // a stranger may not withdraw it, and learns nothing
    calls
        .as("CITIZEN", SampleRegistry.RESIDENT.idNumber(), "BEIJING_HRSS_WECHAT")
        .post("/cards/{id}/withdrawal", first)
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
    calls
        .as("CITIZEN", person.idNumber(), "BEIJING_HRSS_WECHAT")
        .post("/cards/{id}/withdrawal", first)
        .then()
        .statusCode(200)
        .body("status", equalTo("WITHDRAWN"));

    SuiteCalls.eventually(
        () ->
            calls
                .read("card-production-service", "OPERATOR", "e2e")
                .get("/production-orders/{id}", first)
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN")));
    SuiteCalls.eventually(
        () ->
            calls
                .read("bank-gateway-service", "BANK", "BOB")
                .get("/banks/BOB/cards/{id}", first)
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN")));

    String second =
        calls
            .as("CITIZEN", person.idNumber(), "BEIJING_HRSS_WECHAT")
            .body(application)
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    assertNotEquals(first, second);
    calls
        .as("CITIZEN", person.idNumber(), "BEIJING_HRSS_WECHAT")
        .get("/me/cards")
        .then()
        .statusCode(200)
        .body("cardId", hasItem(second));
    SuiteCalls.eventually(
        () ->
            assertEquals(
                List.of("APPLICATION_ACCEPTED", "APPLICATION_WITHDRAWN"), templates(first)));
    calls
        .read("bank-gateway-service", "BANK", "ICBC")
        .get("/banks/ICBC/cards/{id}", second)
        .then()
        .statusCode(not(equalTo(200)));
  }
}
