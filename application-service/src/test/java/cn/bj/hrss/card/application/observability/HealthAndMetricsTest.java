package cn.bj.hrss.card.application.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness reflects the database and Kafka; {@code /q/metrics} counts accepted and refused
 * commands and published events, without credentials and without personal data.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class HealthAndMetricsTest {

  private static final String MOBILE = "13987654321";
  private static final String ADDRESS = "北京市东城区测试胡同9号";

  @TestHTTPResource("/")
  URL root;

  /** The only business call of this class: a citizen's application, with an ID number given. */
  private static Response apply(SampleRegistry.Person person, String idNumber) {
    String body =
        """
        {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "%s"},
         "bankCode": "ICBC", "collection": {"method": "MAIL", "address": "%s"}}
        """
            .formatted(idNumber, person.name(), MOBILE, ADDRESS);
    return Callers.as("CITIZEN", person.idNumber(), "BEIJING_HRSS_WECHAT")
        .body(body)
        .post("/cards");
  }

  /**
   * A flexible worker added to the registry for this test only, so that the application is new
   * whatever other tests of this JVM did: the published-event count must move.
   */
  private static SampleRegistry.Person aPersonWhoHasNotApplied() {
    int sequence = (int) (System.nanoTime() % 900);
    String idNumber = SampleRegistry.id("110101", 1979, 7, 21, 100 + sequence);
    String name = "郝测试";
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
                + String.join(",", idNumber, name, "FLEXIBLE_WORKER", "110101", "", "")
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return new SampleRegistry.Person(idNumber, name, "", "FLEXIBLE_WORKER", "110101", "", "");
  }

  @Test
  void readiness_is_up_with_the_database_and_kafka_without_credentials() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("kafka", "Database connections health check"))
        .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  /**
   * application-service has card-event-consumer on its class path (body limit, readiness) but
   * consumes no card events: the projection host (ADR 26) stays off, with its endpoints.
   */
  @Test
  void the_projection_host_of_the_consumer_library_is_off_here() {
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("checks.name", not(hasItem("card-events-consumer")));
    Callers.operator().get("/projection/summary").then().statusCode(404);
    Callers.operator().get("/dead-letters").then().statusCode(404);
  }

  @Test
  void accepted_refused_and_published_commands_are_counted_and_no_personal_data_is_exported()
      throws Exception {
    SampleRegistry.loadInto(root.toString().replaceAll("/$", ""), 200);
    SampleRegistry.Person person = aPersonWhoHasNotApplied();
    String before = MetricsText.scrape();
    Map<String, String> submit = Map.of("command", "submit");
    double accepted = MetricsText.value(before, "card_commands_accepted_total", submit);
    double published =
        MetricsText.value(before, "card_events_published_total", Map.of("type", "CardRequested"));

    Response good = apply(person, person.idNumber());
    assertEquals(201, good.statusCode(), "a new application: " + good.asString());
    String wrongCheckDigit =
        person.idNumber().substring(0, 17) + (person.idNumber().endsWith("0") ? "1" : "0");
    Response refused = apply(person, wrongCheckDigit);
    assertEquals(400, refused.statusCode(), refused.asString());
    String rule = refused.path("rule");
    Map<String, String> refusal = Map.of("command", "submit", "rule", rule, "status", "400");
    double refusedBefore = MetricsText.value(before, "card_commands_refused_total", refusal);

    String after = MetricsText.scrape();
    assertEquals(accepted + 1, MetricsText.value(after, "card_commands_accepted_total", submit));
    assertEquals(
        refusedBefore + 1, MetricsText.value(after, "card_commands_refused_total", refusal));

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    double publishedNow = published;
    while (publishedNow < published + 1) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "the new application's CardRequested was not counted as published within 30 s: "
                + "card_events_published_total{type=CardRequested} stayed at "
                + publishedNow);
      }
      Thread.sleep(200);
      publishedNow =
          MetricsText.value(
              MetricsText.scrape(), "card_events_published_total", Map.of("type", "CardRequested"));
    }

    String text = MetricsText.scrape();
    for (String personal :
        new String[] {person.idNumber(), wrongCheckDigit, person.name(), MOBILE, ADDRESS}) {
      assertFalse(text.contains(personal), "personal data in /q/metrics: " + personal);
    }
  }
}
