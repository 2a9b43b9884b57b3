package cn.bj.hrss.card.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.sample.SampleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four built services as separate processes, against one real PostgreSQL and one real Kafka
 * broker: one card by mail from application to enabled, seen by every projection; and (issue 18
 * item 9) the turns a card's life takes: one card is changed before production, its mail fails, a
 * proxy collects it at the outlet, and it is cancelled; another application is withdrawn and the
 * person applies again. Each service's projection follows, and the holder's phone receives what it
 * should and nothing after the end. And (issue 21 item 7) {@code deploy/ops.sh restart} replaces
 * one service's process. (One suite for all, to keep the full build's time.)
 */
class SuiteEndToEndIT {

  private static DrillSuite suite;
  private static SuiteTokens tokens;
  private static SuiteCalls calls;

  /** The same calls, with the ICBC card bureau reporting (the retiree's card is ICBC's). */
  private static SuiteCalls icbc;

  @BeforeAll
  static void startSuite() {
    tokens = SuiteTokens.startInTemporaryDirectory();
    suite = DrillSuite.start(tokens, "e2e-logs");
    calls = new SuiteCalls(suite, tokens, FACTORY);
    icbc = new SuiteCalls(suite, tokens, "ICBC-card-bureau");
    SampleRegistry.loadInto(suite.url("application-service"), 200, tokens.issuer());
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  /**
   * Issue 21 item 7: {@code deploy/ops.sh restart} asks the suite (here the test's, through the
   * same control directory as the local run's, ADR 38) to restart notification-service: a new
   * process, kept by the suite, its output appended to the same log, ready again; an unknown name
   * is refused and nothing is restarted.
   */
  @Test
  void ops_restart_replaces_a_service_process_and_waits_until_it_is_ready() throws Exception {
    String name = "notification-service";
    Path run = DrillSuite.logs("e2e-logs");
    Map<String, String> env = Map.of("SUITE_LOCAL_RUN_DIR", run.toString());
    long before = suite.services.pid(name);
    int startsBefore = starts(suite.services.log(name));
    try (LocalRunControl control = LocalRunControl.start(run, suite.services, line -> {})) {
      OpsScript unknown = OpsScript.run(env, "restart", "no-such-service");
      assertEquals(2, unknown.exitCode(), unknown.toString());
      assertTrue(unknown.err().contains("unknown service no-such-service"), unknown.toString());
      assertEquals(before, suite.services.pid(name));

      OpsScript restarted = OpsScript.run(env, "restart", name);
      assertEquals(0, restarted.exitCode(), restarted.toString());
      long after = suite.services.pid(name);
      assertNotEquals(before, after, restarted.toString());
      assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
      assertTrue(
          restarted.out().contains("process " + before + " stopped, process " + after),
          restarted.out());
      assertTrue(restarted.out().contains(name + ": ready again at " + suite.url(name)));
    }
    given().get(suite.url(name) + "/q/health/ready").then().statusCode(200);
    assertEquals(startsBefore + 1, starts(suite.services.log(name)), "both starts in one log");
  }

  /** How many times Quarkus says in {@code log} that the service started. */
  private static int starts(Path log) throws IOException {
    return Files.readString(log).split("\\) started in ", -1).length - 1;
  }

  private static final String FACTORY = "PSBC-card-bureau";
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final String PROXY_ID_NUMBER = IdNumber.withCheckCharacter("11010119800101001");

  @Test
  void one_card_by_mail_from_application_to_enabled_reaches_every_projection() {
    String cardId =
        calls
            .as("CITIZEN", SampleRegistry.RESIDENT.idNumber(), "MINSHENG_ONE_CARD_MINI_PROGRAM")
            .body(
                """
                {"applicant": {"idNumber": "%s", "name": "陈小红", "mobile": "13912345678"},
                 "bankCode": "PSBC",
                 "collection": {"method": "MAIL", "address": "北京市海淀区中关村大街1号"}}
                """
                    .formatted(SampleRegistry.RESIDENT.idNumber()))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    // The card bureau reports to card-production-service, on its own order (S-FACTORY-1), which
    // relays each report to application-service (ADR 24).
    calls.factoryReport(cardId, "produced", "{\"cardNumber\": \"P98765432\"}", "PRODUCED");
    calls.factoryReport(
        cardId,
        "dispatches",
        "{\"method\": \"MAIL\", \"trackingNumber\": \"EA123456785CN\"}",
        "DISPATCHED");
    calls
        .as("BANK", "PSBC", "BANK_API")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", cardId)
        .then()
        .statusCode(200);
    calls
        .as("CITIZEN", SampleRegistry.RESIDENT.idNumber(), "BEIJING_HRSS_WECHAT")
        .post("/cards/{id}/social-function", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));

    SuiteCalls.eventually(
        () ->
            calls
                .read("card-production-service", "OPERATOR", "e2e")
                .get("/production-orders/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo("HANDED_OVER"))
                .body("trackingNumber", equalTo("EA123456785CN"))
                .body("cardNumber", equalTo("P98765432")));
    SuiteCalls.eventually(
        () ->
            calls
                .read("bank-gateway-service", "BANK", "PSBC")
                .get("/banks/PSBC/cards/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("address", equalTo("北京市海淀区中关村大街1号"))
                .body("idNumber", equalTo(SampleRegistry.RESIDENT.idNumber())));
    SuiteCalls.eventually(
        () ->
            calls
                .read("notification-service", "OPERATOR", "e2e")
                .get("/notifications/cards/{id}", cardId)
                .then()
                .statusCode(200)
                .body("$", hasSize(3))
                .body(
                    "template",
                    equalTo(List.of("APPLICATION_ACCEPTED", "MAILED", "ENABLED_OLD_CARD_INVALID")))
                .body(
                    "[1].body",
                    equalTo(
                        "【北京人社】您的社会保障卡已交邮寄送，快递单号EA123456785CN，请注意查收。收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。")));
    calls
        .read("bank-gateway-service", "BANK", "ICBC")
        .get("/banks/ICBC/cards/{id}", cardId)
        .then()
        .statusCode(404);
    await("the holder's three texts at the SMS gateway")
        .atMost(Duration.ofSeconds(60))
        .until(() -> suite.smsGateway.received(SampleRegistry.RESIDENT.mobile()).size() == 3);
    org.junit.jupiter.api.Assertions.assertEquals(
        "【北京人社】您的社会保障卡已交邮寄送，快递单号EA123456785CN，请注意查收。收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。",
        suite.smsGateway.received(SampleRegistry.RESIDENT.mobile()).get(1).get("text"));
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

    icbc.factoryReport(cardId, "produced", "{\"cardNumber\": \"A23456789\"}", "PRODUCED");
    // after production the application is what it is
    calls
        .as("CITIZEN", holder.idNumber(), "JINGTONG_MINI_PROGRAM")
        .body("{\"collection\": {\"method\": \"MAIL\", \"address\": \"北京市东城区东四北大街9号\"}}")
        .post("/cards/{id}/application-change", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-CHANGE-1"));
    icbc.factoryReport(
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

    calls.eventuallyStatus(
        "bank-gateway-service", "BANK", "ICBC", "/banks/ICBC/cards/{id}", cardId, "CANCELLED");
    calls.eventuallyStatus(
        "card-production-service",
        "OPERATOR",
        "e2e",
        "/production-orders/{id}",
        cardId,
        "CANCELLED");
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

    calls.eventuallyStatus(
        "card-production-service",
        "OPERATOR",
        "e2e",
        "/production-orders/{id}",
        first,
        "WITHDRAWN");
    calls.eventuallyStatus(
        "bank-gateway-service", "BANK", "BOB", "/banks/BOB/cards/{id}", first, "WITHDRAWN");

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
