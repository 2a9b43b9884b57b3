package cn.bj.hrss.card.application.outage;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: while the database cannot be reached, commands and reads are answered 503 with
 * Retry-After and the usual problem document within a few seconds, nothing of them is stored, and
 * the service serves again by itself once the database is back; an application retried with its
 * Idempotency-Key then gives exactly one card.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.BehindACuttableRelay.class)
class DatabaseOutageTest {

  /** This class alone talks to the database through the relay (its own Quarkus start). */
  public static class BehindACuttableRelay implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(CuttableDatabase.class));
    }
  }

  private static final String FIRST = SampleRegistry.id("110105", 1966, 3, 14, 301);
  private static final String SECOND = SampleRegistry.id("110105", 1966, 3, 14, 302);

  private static RequestSpecification as(String role, String actor, String channel) {
    return Callers.as(role, actor, channel);
  }

  private static String application(String idNumber) {
    return """
        {"applicant": {"idNumber": "%s", "name": "停机测试", "mobile": "13700001111"},
         "bankCode": "ICBC",
         "collection": {"method": "OUTLET_PICKUP", "outletName": "工商银行北京朝阳门支行"}}
        """
        .formatted(idNumber);
  }

  @Test
  void while_the_database_is_away_requests_get_503_and_nothing_is_stored_then_it_recovers()
      throws Exception {
    as("OPERATOR", "outage-test", "OPERATOR_CONSOLE")
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
                + FIRST
                + ",停机测试,FLEXIBLE_WORKER,110105,,\n"
                + SECOND
                + ",停机测试,FLEXIBLE_WORKER,110105,,\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(org.hamcrest.Matchers.lessThan(300));
    String card =
        as("CITIZEN", FIRST, "JINGTONG_MINI_PROGRAM")
            .body(application(FIRST))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");

    CuttableDatabase.relay().cut();
    try {
      long started = System.nanoTime();
      Response apply =
          as("CITIZEN", SECOND, "JINGTONG_MINI_PROGRAM")
              .header("Idempotency-Key", "outage-second")
              .body(application(SECOND))
              .post("/cards");
      long applyMillis = (System.nanoTime() - started) / 1_000_000;
      assertUnavailable(apply);
      assertTrue(applyMillis < 10_000, "the 503 took " + applyMillis + " ms");

      assertUnavailable(
          Callers.factory("ICBC-card-bureau")
              .body("{\"cardNumber\": \"O12345678\"}")
              .post("/cards/{id}/production", card));
      assertUnavailable(as("CITIZEN", FIRST, "JINGTONG_MINI_PROGRAM").get("/cards/" + card));
    } finally {
      CuttableDatabase.relay().open();
    }

    // Back by itself: the client's retry with the same key gives the one application.
    Response retried;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    do {
      retried =
          as("CITIZEN", SECOND, "JINGTONG_MINI_PROGRAM")
              .header("Idempotency-Key", "outage-second")
              .body(application(SECOND))
              .post("/cards");
      if (retried.statusCode() == 503) {
        Thread.sleep(500);
      }
    } while (retried.statusCode() == 503 && System.nanoTime() < deadline);
    String second = retried.then().statusCode(201).extract().path("cardId");
    as("CITIZEN", SECOND, "JINGTONG_MINI_PROGRAM")
        .header("Idempotency-Key", "outage-second")
        .body(application(SECOND))
        .post("/cards")
        .then()
        .statusCode(201)
        .body("cardId", equalTo(second));
    Callers.factory("ICBC-card-bureau")
        .body("{\"cardNumber\": \"O12345678\"}")
        .post("/cards/{id}/production", card)
        .then()
        .statusCode(200)
        .body("status", equalTo("PRODUCED"));

    // Nothing half-written: one claim and one event for the second person, and the refused
    // production left no event behind (the card has its application and the later production).
    assertEquals(
        1, count("SELECT count(*) FROM application.application_claim WHERE id_number = ?", SECOND));
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM application.domain_event_entry WHERE aggregate_identifier = ?",
            second));
    assertEquals(
        2,
        count(
            "SELECT count(*) FROM application.domain_event_entry WHERE aggregate_identifier = ?",
            card));
  }

  private static void assertUnavailable(Response answer) {
    answer
        .then()
        .statusCode(503)
        .header("Retry-After", "5")
        .contentType("application/problem+json")
        .body("status", equalTo(503))
        .body("rule", equalTo("SERVICE-UNAVAILABLE"))
        .body("message", equalTo("系统繁忙，请稍后再试。"));
  }

  private static long count(String sql, String parameter) throws Exception {
    LocalInfrastructure infra = LocalInfrastructure.shared();
    try (Connection c =
            DriverManager.getConnection(
                infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
