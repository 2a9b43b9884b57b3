package cn.bj.hrss.card.application.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 7, points 1 and 3: a card's history as of a moment, exported; the store republished. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class HistoryAndRepublishTest {

  @TestHTTPResource("/")
  URL root;

  private static RequestSpecification as(String role, String channel) {
    return Callers.as(role, role.toLowerCase() + "-7", channel);
  }

  private String appliedCard(int worker) {
    String url = root.toString();
    SampleRegistry.loadInto(url.substring(0, url.length() - 1), 200);
    SampleRegistry.Person person =
        SampleRegistry.generated(200, SampleRegistry.SEED).stream()
            .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
            .skip(worker)
            .findFirst()
            .orElseThrow();
    return Callers.citizen(person.idNumber())
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911113333"},
             "bankCode": "BOC", "collection": {"method": "MAIL", "address": "北京市2号"}}
            """
                .formatted(person.idNumber(), person.name()))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  @Test
  void the_history_shows_the_card_as_it_was_at_a_past_moment_and_exports_as_csv() {
    String cardId = appliedCard(7);
    Callers.factory("card_factory-7")
        .body("{\"cardNumber\": \"H12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);
    Instant afterProduction = Instant.now();
    Callers.factory("card_factory-7")
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"EB000000005CN\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);

    as("AUDITOR", "OPERATOR_CONSOLE")
        .queryParam("asOf", afterProduction.toString())
        .get("/audit/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("PRODUCED"))
        .body("history", hasSize(2))
        .body("applicantIdNumber", matchesPattern("\\d{6}\\*{8}[0-9X]{4}"));
    String csv =
        as("AUDITOR", "OPERATOR_CONSOLE")
            .accept("text/csv")
            .get("/audit/cards/{id}", cardId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertEquals(4, csv.lines().count(), csv);
    assertEquals(
        true, csv.lines().skip(3).findFirst().orElseThrow().startsWith("2,CardDispatched,"));
  }

  @Test
  void republishing_sends_every_stored_event_to_kafka_again() {
    String cardId = appliedCard(8);
    TopicProbe topic = new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers());
    assertEquals(
        1, topic.readByKey(Topics.CARD_LIFECYCLE, cardId, 1, Duration.ofSeconds(30)).size());

    as("OPERATOR", "OPERATOR_CONSOLE").post("/audit/republish").then().statusCode(202);

    assertEquals(
        2, topic.readByKey(Topics.CARD_LIFECYCLE, cardId, 2, Duration.ofSeconds(60)).size());
  }
}
