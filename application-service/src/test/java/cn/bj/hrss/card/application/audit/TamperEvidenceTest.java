package cn.bj.hrss.card.application.audit;

import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Issue 7, point 5: a stored event altered in the database is found by the verify command. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class TamperEvidenceTest {

  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  private static RequestSpecification as(String role, String channel) {
    return Callers.as(role, role.toLowerCase() + "-1", channel);
  }

  private String producedCard(SampleRegistry.Person person) {
    String url = root.toString();
    SampleRegistry.loadInto(url.substring(0, url.length() - 1), 200);
    String cardId =
        Callers.citizen(person.idNumber())
            .body(
                """
                {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911112222"},
                 "bankCode": "CMB", "collection": {"method": "MAIL", "address": "北京市1号"}}
                """
                    .formatted(person.idNumber(), person.name()))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    Callers.factory("card_factory-1")
        .body("{\"cardNumber\": \"T12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);
    Callers.factory("card_factory-1")
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"EA000000005CN\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
    return cardId;
  }

  /** A generated flexible worker of the sample, who applies on their own with any bank. */
  private static SampleRegistry.Person worker(int skip) {
    return SampleRegistry.generated(200, SampleRegistry.SEED).stream()
        .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
        .skip(skip)
        .findFirst()
        .orElseThrow();
  }

  private RequestSpecification auditor() {
    return Callers.auditor();
  }

  private void alter(String cardId, int sequence, String column, String from, String to)
      throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE domain_event_entry SET "
                    + column
                    + " = convert_to(replace(convert_from("
                    + column
                    + ", 'UTF8'), ?, ?), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = ?")) {
      update.setString(1, from);
      update.setString(2, to);
      update.setString(3, cardId);
      update.setInt(4, sequence);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("nothing altered");
      }
    }
  }

  @Test
  void an_intact_card_verifies_and_an_altered_payload_is_named() throws Exception {
    String cardId = producedCard(worker(5));
    auditor()
        .queryParam("cardId", cardId)
        .get("/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true))
        .body("eventsChecked", equalTo(3));

    alter(cardId, 1, "payload", "T12345678", "T99999999");

    auditor()
        .queryParam("cardId", cardId)
        .get("/audit/verify")
        .then()
        .body("intact", equalTo(false))
        .body("firstMismatch.sequence", equalTo(1))
        .body("firstMismatch.cardId", equalTo(cardId));
  }

  @Test
  void an_altered_actor_in_the_metadata_is_found_too() throws Exception {
    String cardId = producedCard(worker(6));

    alter(cardId, 2, "meta_data", "card_factory-1", "someone-else");

    auditor()
        .queryParam("cardId", cardId)
        .get("/audit/verify")
        .then()
        .body("intact", equalTo(false))
        .body("firstMismatch.sequence", equalTo(2));
  }

  @Test
  void a_citizen_cannot_run_the_audit() {
    Callers.citizen(SampleRegistry.RESIDENT.idNumber()).get("/audit/verify").then().statusCode(403);
  }
}
