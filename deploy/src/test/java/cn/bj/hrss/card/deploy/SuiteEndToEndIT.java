package cn.bj.hrss.card.deploy;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.bj.hrss.card.sample.SampleRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four built services as separate processes, against one real PostgreSQL and one real Kafka
 * broker: one card by mail from application to enabled, seen by every projection.
 */
class SuiteEndToEndIT {

  private static DrillSuite suite;
  private static SuiteTokens tokens;
  private static SuiteCalls calls;

  @BeforeAll
  static void startSuite() {
    tokens = SuiteTokens.startInTemporaryDirectory();
    suite = DrillSuite.start(tokens, "e2e-logs");
    calls = new SuiteCalls(suite, tokens, FACTORY);
    SampleRegistry.loadInto(suite.url("application-service"), 200, tokens.issuer());
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  private static final String FACTORY = "PSBC-card-bureau";

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
}
