package cn.bj.hrss.card.production.factory;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * S-FACTORY-1: which factory produces which bank's cards is this service's reference data. Every
 * bank starts with its card bureau and the simulated one; an operator replaces or adds a bank's
 * factories, audited (who, when, before and after, why), and the bank's orders follow at once.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class FactoryAssignmentTest {

  private static String change(String bank, String factoriesJson) {
    return "{\"factories\":" + factoriesJson + ",\"reason\":\"合同变更 " + bank + "\"}";
  }

  private static void awaitOrder(String cardId, String... factories) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", cardId)
                    .then()
                    .statusCode(200)
                    .body("factories", contains((Object[]) factories)));
  }

  @Test
  void S_FACTORY_1_each_bank_starts_with_its_card_bureau_and_the_simulated_one() {
    TestCallers.operator()
        .get("/factory-assignments/{b}", "PSBC")
        .then()
        .statusCode(200)
        .body("factories", contains("PSBC-card-bureau", "PSBC-card-bureau-simulator"));
    TestCallers.auditor()
        .get("/factory-assignments")
        .then()
        .statusCode(200)
        .body("bankCode", hasItems("ICBC", "ABC", "BOC", "CCB", "BOCOM", "BOB", "HXB", "BJRCB"))
        .body("bankCode", hasItems("CITIC", "CEB", "CMBC", "CGB", "CMB", "SPDB", "PSBC"));
  }

  @Test
  void S_FACTORY_1_an_operator_replaces_a_banks_factories_and_the_change_is_audited() {
    String bank = CardEvents.newBank();
    String first = bank + "-bureau";
    String second = bank + "-new-bureau";
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(change(bank, "[\"" + first + "\"]"))
        .put("/factory-assignments/{b}", bank)
        .then()
        .statusCode(200)
        .body("changedBy", equalTo("op-1"))
        .body("oldFactories", empty())
        .body("newFactories", contains(first));
    String card = UUID.randomUUID().toString();
    CardEvents.requestedByMail(card, bank, "BUREAU_WEBSITE", "2025-03-20T02:00:00Z");
    awaitOrder(card, first);

    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(change(bank, "[\"" + second + "\"]"))
        .put("/factory-assignments/{b}", bank)
        .then()
        .statusCode(200)
        .body("oldFactories", contains(first))
        .body("newFactories", contains(second))
        .body("ordersReassigned", equalTo(1));
    awaitOrder(card, second);
    TestCallers.factory(first)
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"chip fault\"}")
        .post("/factories/{f}/cards/{c}/production-failures", first, card)
        .then()
        .statusCode(404);
    TestCallers.factory(second)
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"chip fault\"}")
        .post("/factories/{f}/cards/{c}/production-failures", second, card)
        .then()
        .statusCode(202);

    // Adding one factory keeps the others.
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body("{\"factoryId\":\"" + first + "\",\"reason\":\"产能不足，增加制卡厂\"}")
        .post("/factory-assignments/{b}/factories", bank)
        .then()
        .statusCode(200)
        .body("newFactories", contains(first, second));
    awaitOrder(card, first, second);

    TestCallers.auditor()
        .queryParam("bankCode", bank)
        .get("/factory-assignments/changes")
        .then()
        .statusCode(200)
        .body("size()", equalTo(3))
        .body("changedBy", contains("op-1", "op-1", "op-1"))
        .body("[0].changedAt", notNullValue())
        .body("[1].reason", equalTo("合同变更 " + bank))
        .body("[1].oldFactories", contains(first))
        .body("[1].newFactories", contains(second))
        .body("[2].ordersReassigned", greaterThanOrEqualTo(1));
  }

  @Test
  void S_FACTORY_1_only_an_operator_changes_which_factory_produces_a_banks_cards() {
    String bank = CardEvents.newBank();
    List<RequestSpecification> others =
        List.of(
            TestCallers.factory(bank + "-bureau"),
            TestCallers.as(Roles.BANK, bank),
            TestCallers.auditor(),
            TestCallers.citizen("11010519491231002X"));
    for (RequestSpecification caller : others) {
      caller
          .contentType(ContentType.JSON)
          .body(change(bank, "[\"" + bank + "-bureau\"]"))
          .put("/factory-assignments/{b}", bank)
          .then()
          .statusCode(403);
    }
    TestCallers.factory(bank + "-bureau")
        .contentType(ContentType.JSON)
        .body("{\"factoryId\":\"" + bank + "-bureau\",\"reason\":\"x\"}")
        .post("/factory-assignments/{b}/factories", bank)
        .then()
        .statusCode(403);

    TestCallers.operator()
        .get("/factory-assignments/{b}", bank)
        .then()
        .statusCode(200)
        .body("factories", empty());
    TestCallers.operator()
        .queryParam("bankCode", bank)
        .get("/factory-assignments/changes")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
  }

  @Test
  void a_change_without_a_reason_or_with_a_bad_factory_id_is_refused_with_its_rule() {
    String bank = CardEvents.newBank();
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body("{\"factories\":[\"" + bank + "-bureau\"]}")
        .put("/factory-assignments/{b}", bank)
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-MISSING"));
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(change(bank, "[\"工厂 <script>\"]"))
        .put("/factory-assignments/{b}", bank)
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-FACTORY"));
    TestCallers.operator().get("/factory-assignments/{b}", bank).then().body("factories", empty());
  }
}
