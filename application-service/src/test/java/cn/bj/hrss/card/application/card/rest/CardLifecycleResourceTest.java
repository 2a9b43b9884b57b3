package cn.bj.hrss.card.application.card.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.deadline.OfficialCalendar;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A card's whole life through the REST API, and what reaches the Kafka topic. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class CardLifecycleResourceTest {

  @TestHTTPResource("/")
  URL root;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  static final String APPLICATION =
      """
      {"applicant": {"idNumber": "11010519491231002X", "name": "王小明", "mobile": "13800138000"},
       "bankCode": "ICBC",
       "collection": {"method": "OUTLET_PICKUP", "outletName": "工商银行北京朝阳门支行"}}
      """;

  static RequestSpecification as(String role, String id, String channel, String correlationId) {
    return Callers.as(role, id, channel).header("X-Correlation-Id", correlationId);
  }

  /** The applicant's ID number in an application body: a citizen applies for themself. */
  static String applicantIdNumber(String body) {
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"idNumber\": \"([0-9X]{18})\"").matcher(body);
    if (!id.find()) {
      throw new IllegalArgumentException("no applicant ID number in " + body);
    }
    return id.group(1);
  }

  static String submit(String body) {
    return as("CITIZEN", applicantIdNumber(body), "JINGTONG_MINI_PROGRAM", "corr-apply")
        .body(body)
        .post("/cards")
        .then()
        .statusCode(201)
        .body("status", equalTo("REQUESTED"))
        .extract()
        .path("cardId");
  }

  @Test
  void a_card_goes_from_application_to_enabled_and_every_event_reaches_kafka_in_order() {
    String cardId = submit(APPLICATION);
    Callers.factory("ICBC-card-bureau")
        .header("X-Correlation-Id", "corr-produce")
        .body("{\"cardNumber\": \"A12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("PRODUCED"));
    Callers.factory("ICBC-card-bureau")
        .header("X-Correlation-Id", "corr-dispatch")
        .body("{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"工商银行北京朝阳门支行\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DISPATCHED"));
    as("BANK", "ICBC", "BANK_OUTLET", "corr-collect")
        .body("{\"outletName\": \"工商银行北京朝阳门支行\"}")
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("COLLECTED"));
    as("BANK", "ICBC", "BANK_OUTLET", "corr-enable")
        .post("/cards/{id}/social-function", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));

    Callers.operator()
        .get("/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .body("cardNumber", equalTo("A12345678"))
        .body("applicantName", equalTo("王*明"))
        .body("applicantIdNumber", equalTo("110105********002X"))
        .body("applicantMobile", equalTo("138****8000"))
        .body("version", equalTo(5))
        .body("oldCardInvalidated", equalTo(true))
        .body("history", hasSize(6))
        .body("history[3].actorRole", equalTo("BANK"))
        .body("history[3].channel", equalTo("BANK_OUTLET"))
        .body("history[0].correlationId", equalTo("corr-apply"));

    Callers.operator()
        .get("/cards/{id}/progress", cardId)
        .then()
        .statusCode(200)
        .body(
            "steps.step",
            equalTo(
                List.of(
                    "APPLIED", "IN_PRODUCTION", "PRODUCED", "DISPATCHED", "COLLECTED", "ENABLED")))
        .body("steps.done", everyItem(equalTo(true)))
        .body("steps[3].name", equalTo("已到网点待领取"))
        .body("steps[3].detail", equalTo("工商银行北京朝阳门支行"))
        .body("dueRule", anyOf(equalTo("R-SLA-1"), nullValue()))
        .body("dueDate", equalTo(expectedDueDate()));

    List<EventEnvelope> published =
        new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
            .readByKey(Topics.CARD_LIFECYCLE, cardId, 6, Duration.ofSeconds(30)).stream()
                .map(EventCodec::decode)
                .toList();
    assertEquals(
        List.of(
            "CardRequested",
            "CardProduced",
            "CardDispatched",
            "CardCollected",
            "SocialFunctionEnabled",
            "OldCardInvalidated"),
        published.stream().map(EventEnvelope::eventType).toList());
    assertEquals(
        List.of(0L, 1L, 2L, 3L, 4L, 5L), published.stream().map(EventEnvelope::sequence).toList());
    assertEquals("corr-collect", published.get(3).correlationId());
    assertEquals("ICBC", published.get(3).actor().id());
  }

  /** R-SLA-1 for an online application made today (provisional beyond the loaded years). */
  private static String expectedDueDate() {
    return new ProductionDeadlines(OfficialCalendar.shipped())
        .forApplication("JINGTONG_MINI_PROGRAM", java.time.Instant.now())
        .dueDate()
        .toString();
  }

  @Test
  void an_application_with_an_unknown_bank_is_refused_with_its_rule_id() {
    as("CITIZEN", "11010519491231002X", "JINGTONG_MINI_PROGRAM", "corr-bad-bank")
        .body(APPLICATION.replace("ICBC", "HSBC"))
        .post("/cards")
        .then()
        .statusCode(400)
        .body("rule", equalTo("R-BANK-1"))
        .body("message", equalTo("所选银行不是社保卡合作银行，请从合作银行中选择。"));
  }

  @Test
  void enabling_a_card_not_yet_collected_is_a_conflict_and_leaves_the_card_as_it_was() {
    String cardId =
        submit(
            APPLICATION
                .replace("11010519491231002X", SampleRegistry.GUARDIAN.idNumber())
                .replace("王小明", SampleRegistry.GUARDIAN.name())
                .replace("ICBC", "CMB")
                .replace(
                    "\"method\": \"OUTLET_PICKUP\", \"outletName\": \"工商银行北京朝阳门支行\"",
                    "\"method\": \"MAIL\", \"address\": \"北京市海淀区1号\""));

    as("BANK", "CMB", "BANK_OUTLET", "corr-early")
        .post("/cards/{id}/social-function", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-OLD-1"));

    Callers.operator().get("/cards/{id}", cardId).then().body("status", equalTo("REQUESTED"));
  }

  @Test
  void a_command_for_an_unknown_card_is_not_found() {
    Callers.factory("ICBC-card-bureau")
        .header("X-Correlation-Id", "corr-unknown")
        .body("{\"cardNumber\": \"A12345678\"}")
        .post("/cards/{id}/production", UUID.randomUUID().toString())
        .then()
        .statusCode(404)
        .body("rule", equalTo("CARD-NOT-FOUND"));
  }

  @Test
  void reading_an_unknown_card_is_not_found_with_a_readable_message() {
    Callers.operator()
        .get("/cards/{id}", UUID.randomUUID().toString())
        .then()
        .statusCode(404)
        .body("rule", equalTo("CARD-NOT-FOUND"))
        .body("message", equalTo("未找到该申领记录。"));
  }

  @Test
  void a_command_without_its_body_is_bad_input() {
    Callers.factory("ICBC-card-bureau")
        .header("X-Correlation-Id", "corr-no-body")
        .post("/cards/{id}/production", UUID.randomUUID().toString())
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-MISSING"));
  }

  @Test
  void a_command_without_a_known_channel_is_refused() {
    given()
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(Callers.token("CITIZEN", "11010519491231002X"))
        .body(APPLICATION)
        .post("/cards")
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-CHANNEL"));
  }
}
