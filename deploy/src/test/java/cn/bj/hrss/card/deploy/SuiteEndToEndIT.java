package cn.bj.hrss.card.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ThrowingRunnable;
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

  @BeforeAll
  static void startSuite() {
    tokens = SuiteTokens.startInTemporaryDirectory();
    suite = DrillSuite.start(tokens, "e2e-logs");
    SampleRegistry.loadInto(suite.url("application-service"), 200, tokens.issuer());
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  private static final String FACTORY = "PSBC-card-bureau";

  private static RequestSpecification as(String role, String id, String channel) {
    return given()
        .baseUri(suite.url("application-service"))
        .contentType(ContentType.JSON)
        .header("Authorization", tokens.authorization(role, id))
        .header("X-Channel", channel);
  }

  /** A read of {@code service} by {@code role} {@code id}. */
  private static RequestSpecification read(String service, String role, String id) {
    return given()
        .baseUri(suite.url(service))
        .header("Authorization", tokens.authorization(role, id));
  }

  /** Waits up to a minute until {@code check} passes; fails with its last assertion. */
  private static void eventually(ThrowingRunnable check) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(check);
  }

  /**
   * The PSBC card bureau's report on the card, once its order is there, applied as {@code status}.
   */
  private static void factoryReport(String cardId, String kind, String body, String status) {
    eventually(
        () ->
            read("card-production-service", "CARD_FACTORY", FACTORY)
                .get("/production-orders/{id}", cardId)
                .then()
                .statusCode(200));
    given()
        .baseUri(suite.url("card-production-service"))
        .contentType(ContentType.JSON)
        .header("Authorization", tokens.authorization("CARD_FACTORY", FACTORY))
        .body(body)
        .post("/factories/{f}/cards/{c}/" + kind, FACTORY, cardId)
        .then()
        .statusCode(202);
    eventually(
        () ->
            as("OPERATOR", "e2e", "OPERATOR_CONSOLE")
                .get("/cards/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo(status)));
  }

  @Test
  void one_card_by_mail_from_application_to_enabled_reaches_every_projection() {
    String cardId =
        as("CITIZEN", SampleRegistry.RESIDENT.idNumber(), "MINSHENG_ONE_CARD_MINI_PROGRAM")
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
    factoryReport(cardId, "produced", "{\"cardNumber\": \"P98765432\"}", "PRODUCED");
    factoryReport(
        cardId,
        "dispatches",
        "{\"method\": \"MAIL\", \"trackingNumber\": \"EA123456785CN\"}",
        "DISPATCHED");
    as("BANK", "PSBC", "BANK_API")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", cardId)
        .then()
        .statusCode(200);
    as("CITIZEN", SampleRegistry.RESIDENT.idNumber(), "BEIJING_HRSS_WECHAT")
        .post("/cards/{id}/social-function", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));

    eventually(
        () ->
            read("card-production-service", "OPERATOR", "e2e")
                .get("/production-orders/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo("HANDED_OVER"))
                .body("trackingNumber", equalTo("EA123456785CN"))
                .body("cardNumber", equalTo("P98765432")));
    eventually(
        () ->
            read("bank-gateway-service", "BANK", "PSBC")
                .get("/banks/PSBC/cards/{id}", cardId)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("address", equalTo("北京市海淀区中关村大街1号"))
                .body("idNumber", equalTo(SampleRegistry.RESIDENT.idNumber())));
    eventually(
        () ->
            read("notification-service", "OPERATOR", "e2e")
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
    read("bank-gateway-service", "BANK", "ICBC")
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
