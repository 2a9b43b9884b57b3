package cn.bj.hrss.card.application.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, point 4: reconciliation against the real event store, with the services' projection
 * endpoints stood in for: a service in step is consistent; one that lacks a card, is behind or
 * ahead on another, or knows a card the store does not, is reported with those cards; an
 * unreachable service is reported as such.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(FakeProjections.class)
class ReconciliationTest {

  @Inject DataSource dataSource;

  @ConfigProperty(name = "reconciliation.card-production-url")
  String production;

  @ConfigProperty(name = "reconciliation.notification-url")
  String notification;

  /** The store's last sequence per card, in the order the services list them. */
  private Map<String, Long> store() throws Exception {
    Map<String, Long> cards = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry"
                    + " GROUP BY aggregate_identifier ORDER BY aggregate_identifier COLLATE \"C\"")) {
      while (rows.next()) {
        cards.put(rows.getString(1), rows.getLong(2));
      }
    }
    return cards;
  }

  private static void serve(String base, Map<String, Long> positions) {
    StringBuilder csv = new StringBuilder("cardId,sequence\n");
    positions.forEach(
        (card, sequence) -> csv.append(card).append(',').append(sequence).append('\n'));
    given().body(csv.toString()).put(base + "/projection/positions").then().statusCode(204);
    given()
        .body(
            "{\"cards\": "
                + positions.size()
                + ", \"countsPerStatus\": {\"ORDERED\": "
                + positions.size()
                + "}, \"lag\": 0}")
        .put(base + "/projection/summary")
        .then()
        .statusCode(204);
  }

  private static String applied(String idNumber, String name) {
    return Callers.citizen(idNumber)
        .body(
            """
            {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911113333"},
             "bankCode": "CMB", "collection": {"method": "MAIL", "address": "北京市2号"}}
            """
                .formatted(idNumber, name))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  private static ValidatableResponse reconcile() {
    return Callers.auditor().get("/audit/reconciliation").then().statusCode(200);
  }

  @Test
  void services_in_step_lacking_behind_ahead_or_unreachable_are_told_apart() throws Exception {
    cn.bj.hrss.card.sample.SampleRegistry.loadInto(
        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port, 200);
    List<cn.bj.hrss.card.sample.SampleRegistry.Person> workers =
        cn.bj.hrss.card.sample.SampleRegistry.generated(
                200, cn.bj.hrss.card.sample.SampleRegistry.SEED)
            .stream()
            .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
            .skip(20)
            .limit(3)
            .toList();
    List<String> cards = new ArrayList<>();
    for (cn.bj.hrss.card.sample.SampleRegistry.Person worker : workers) {
      cards.add(applied(worker.idNumber(), worker.name()));
    }
    Map<String, Long> store = store();
    serve(production, store);
    Map<String, Long> notified = new LinkedHashMap<>(store);
    notified.remove(cards.get(0)); // missing
    notified.put(cards.get(1), -1L); // behind: sequence 0 in the store
    notified.put(cards.get(2), 5L); // ahead
    Map<String, Long> withUnknown = new java.util.TreeMap<>(notified);
    String unknown = "ffffffff-" + UUID.randomUUID().toString().substring(9);
    withUnknown.put(unknown, 0L);
    serve(notification, withUnknown);

    ValidatableResponse report = reconcile();

    report
        .body("storeCards", equalTo(store.size()))
        .body("consistent", equalTo(false))
        .body("services[0].service", equalTo("card-production-service"))
        .body("services[0].inStep", equalTo(store.size()))
        .body("services[0].differences", hasSize(0))
        .body("services[0].countsPerStatus.ORDERED", equalTo(store.size()))
        .body("services[0].consistent", equalTo(true))
        .body("services[1].service", equalTo("bank-gateway-service"))
        .body("services[1].error", containsString("could not read"))
        .body("services[2].service", equalTo("notification-service"))
        .body("services[2].inStep", equalTo(store.size() - 3))
        .body("services[2].missing", equalTo(1))
        .body("services[2].behind", equalTo(1))
        .body("services[2].ahead", equalTo(1))
        .body("services[2].unknownToStore", equalTo(1))
        .body("services[2].differences", hasSize(4))
        .body(
            "services[2].differences.find { it.cardId == '" + cards.get(0) + "' }.service",
            equalTo(null))
        .body(
            "services[2].differences.find { it.cardId == '" + cards.get(1) + "' }.service",
            equalTo(-1))
        .body(
            "services[2].differences.find { it.cardId == '" + unknown + "' }.store", equalTo(null));
  }
}
