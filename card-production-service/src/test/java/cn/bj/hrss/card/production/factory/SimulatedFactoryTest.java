package cn.bj.hrss.card.production.factory;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.factorysim.FactorySimulator;
import cn.bj.hrss.card.factorysim.FactorySimulator.Settings;
import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The card factory simulator (partner-simulators), an outside party, reports on its open orders
 * through this service's factory API over HTTP, with a factory token of its own: it sees only the
 * orders assigned to its bureau (S-FACTORY-1).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class SimulatedFactoryTest {

  @TestHTTPResource("/")
  URL root;

  /** One round of the simulator against this service, for the given banks and failure rate. */
  private int round(String bank, double failureRate) throws Exception {
    Settings settings =
        Settings.of(root.toString().replaceAll("/$", ""))
            .withBanks(List.of(bank))
            .withFailureRate(failureRate);
    try (FactorySimulator simulator =
        FactorySimulator.create(settings, DevTokens.shared()::token)) {
      return simulator.round();
    }
  }

  private static void awaitOrders(String bank, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .queryParam("bankCode", bank)
                    .get("/production-orders")
                    .then()
                    .body("total", equalTo(count)));
  }

  /** A test bank whose cards the simulated bureau produces (S-FACTORY-1), as every bank's are. */
  private static String simulatedBank() {
    String bank = CardEvents.newBank();
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(
            "{\"factories\":[\"" + FactorySimulator.factoryOf(bank) + "\"],\"reason\":\"模拟制卡厂测试\"}")
        .put("/factory-assignments/{b}", bank)
        .then()
        .statusCode(200);
    return bank;
  }

  @Test
  void it_produces_and_dispatches_each_open_order_by_the_method_chosen() throws Exception {
    String bank = simulatedBank();
    String byMail = UUID.randomUUID().toString();
    String atOutlet = UUID.randomUUID().toString();
    CardEvents.requestedByMail(byMail, bank, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    CardEvents.requestedAtOutlet(atOutlet, bank, "BANK_OUTLET", "2025-04-01T02:00:00Z", "网点甲");
    awaitOrders(bank, 2);

    Settings settings =
        Settings.of(root.toString().replaceAll("/$", ""))
            .withBanks(List.of(bank))
            .withFailureRate(0);
    try (FactorySimulator simulator =
        FactorySimulator.create(settings, DevTokens.shared()::token)) {
      assertEquals(2, simulator.round());
      assertEquals(0, simulator.round()); // its reports were just sent: nothing new to do
    }
    // a restarted simulator reports the same orders again (no application-service applies them
    // here), under the same references: the intake keeps one report each
    assertEquals(2, round(bank, 0.0));

    TestCallers.operator()
        .queryParam("factoryId", FactorySimulator.factoryOf(bank))
        .get("/factory-reports")
        .then()
        .body("total", equalTo(4))
        .body(
            "reports.kind", containsInAnyOrder("PRODUCED", "DISPATCHED", "PRODUCED", "DISPATCHED"))
        .body("reports.find { it.method == 'OUTLET_PICKUP' }.outletName", equalTo("网点甲"))
        .body("reports.find { it.method == 'MAIL' }.cardId", equalTo(byMail));
  }

  @Test
  void it_leaves_alone_the_orders_of_a_bank_it_does_not_work_for() throws Exception {
    String bank = CardEvents.newBank();
    CardEvents.requestedByMail(
        UUID.randomUUID().toString(), bank, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    awaitOrders(bank, 1);

    assertEquals(0, round(bank, 0.0));
  }

  @Test
  void at_a_failure_rate_of_one_every_production_fails() throws Exception {
    String bank = simulatedBank();
    CardEvents.requestedByMail(
        UUID.randomUUID().toString(), bank, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    awaitOrders(bank, 1);

    assertEquals(1, round(bank, 1.0));
    TestCallers.operator()
        .queryParam("factoryId", FactorySimulator.factoryOf(bank))
        .get("/factory-reports")
        .then()
        .body("total", equalTo(1))
        .body("reports[0].kind", equalTo("PRODUCTION_FAILED"));
  }
}
