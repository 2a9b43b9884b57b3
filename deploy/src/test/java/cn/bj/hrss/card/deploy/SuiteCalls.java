package cn.bj.hrss.card.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;

/**
 * What the end-to-end tests ask of a running suite, as its callers do: commands to
 * application-service with a role and a channel, reads of any service, and a card factory's report
 * through card-production-service (S-FACTORY-1, ADR 24) waited for until the card shows it.
 */
final class SuiteCalls {

  private final DrillSuite suite;
  private final SuiteTokens tokens;
  private final String factory;

  /**
   * @param factory the card factory whose orders the tests report on, e.g. {@code ICBC-card-bureau}
   */
  SuiteCalls(DrillSuite suite, SuiteTokens tokens, String factory) {
    this.suite = suite;
    this.tokens = tokens;
    this.factory = factory;
  }

  /** A command to application-service by {@code role} {@code id} through {@code channel}. */
  RequestSpecification as(String role, String id, String channel) {
    return given()
        .baseUri(suite.url("application-service"))
        .contentType(ContentType.JSON)
        .header("Authorization", tokens.authorization(role, id))
        .header("X-Channel", channel);
  }

  /** A read of {@code service} by {@code role} {@code id}. */
  RequestSpecification read(String service, String role, String id) {
    return given()
        .baseUri(suite.url(service))
        .header("Authorization", tokens.authorization(role, id));
  }

  /** Waits up to a minute until {@code check} passes; fails with its last assertion. */
  /** Waits until {@code service}'s view at {@code path} of {@code id} shows {@code status}. */
  void eventuallyStatus(
      String service, String role, String actor, String path, String id, String status) {
    eventually(
        () ->
            read(service, role, actor)
                .get(path, id)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo(status)));
  }

  static void eventually(ThrowingRunnable check) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(check);
  }

  /** The factory's report on the card, once its order is there, applied as {@code status}. */
  void factoryReport(String cardId, String kind, String body, String status) {
    eventually(
        () ->
            read("card-production-service", "CARD_FACTORY", factory)
                .get("/production-orders/{id}", cardId)
                .then()
                .statusCode(200));
    given()
        .baseUri(suite.url("card-production-service"))
        .contentType(ContentType.JSON)
        .header("Authorization", tokens.authorization("CARD_FACTORY", factory))
        .body(body)
        .post("/factories/{f}/cards/{c}/" + kind, factory, cardId)
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
}
