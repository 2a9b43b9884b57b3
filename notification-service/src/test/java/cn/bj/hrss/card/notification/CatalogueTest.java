package cn.bj.hrss.card.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import cn.bj.hrss.card.notification.catalogue.MessageTemplate;
import cn.bj.hrss.card.notification.sms.MessageIds;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The catalogue and its reference data, as the service loads them from its schema. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class CatalogueTest {

  @Inject DataSource dataSource;

  @Test
  void every_catalogue_message_passes_the_anti_fraud_policy() {
    TestCallers.operator()
        .get("/notifications/catalogue")
        .then()
        .statusCode(200)
        .body("size()", equalTo(16))
        .body("policy", everyItem(equalTo("ALLOWED")));
  }

  @Test
  void each_of_the_fifteen_banks_can_sign_every_bank_signed_message() {
    List<Map<String, String>> banks =
        TestCallers.operator().get("/notifications/banks").jsonPath().getList("$");
    JsonPath catalogue = TestCallers.operator().get("/notifications/catalogue").jsonPath();
    List<String> bodies = catalogue.getList("findAll { it.signer == 'ISSUING_BANK' }.body");

    for (Map<String, String> bank : banks) {
      for (String body : bodies) {
        MessageTemplate template = new MessageTemplate("T", "T", "ISSUING_BANK", body, "");
        String text = template.render(bank.get("name"), template.exampleValues());
        assertEquals(List.of(), AntiFraudPolicy.checkOutgoing(text).violations(), text);
      }
    }
    assertEquals(true, banks.size() >= 15);
  }

  @Test
  void an_operator_adds_a_bank_but_not_one_whose_name_reads_as_a_link() {
    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "测试农村商业银行"))
        .put("/notifications/banks/{code}", "TESTRCB")
        .then()
        .statusCode(200);
    TestCallers.operator().get("/notifications/banks").then().body("code", hasItem("TESTRCB"));

    TestCallers.operator()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "www银行"))
        .put("/notifications/banks/{code}", "EVIL")
        .then()
        .statusCode(400);
  }

  @Test
  void message_ids_are_the_ones_the_migration_computes() throws Exception {
    try (Connection connection = dataSource.getConnection();
        ResultSet row =
            connection
                .createStatement()
                .executeQuery("SELECT md5('c1|card-event/3|13800138000')::uuid")) {
      row.next();
      assertEquals(
          MessageIds.of("c1", MessageIds.cardEvent(3), "13800138000").toString(), row.getString(1));
    }
  }
}
