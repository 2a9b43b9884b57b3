package cn.bj.hrss.card.bank.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each bank has its own credentials; without them, or with another bank's, nothing is given. */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class AuthenticationTest {

  @Test
  void every_endpoint_of_the_openapi_document_refuses_a_request_without_credentials()
      throws Exception {
    JsonNode paths =
        new ObjectMapper()
            .readTree(given().get("/q/openapi?format=json").then().extract().asString())
            .path("paths");
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      String concrete =
          path.getKey().replaceAll("\\{bankCode}", "ICBC").replaceAll("\\{[^}]+}", "x");
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase();
        given()
            .contentType("application/json")
            .body(method.equals("GET") ? "" : "{}")
            .request(method, concrete)
            .then()
            .statusCode(401)
            .header("WWW-Authenticate", startsWith("Basic"))
            .body("rule", equalTo("AUTH-REQUIRED"));
        checked.add(method + " " + path.getKey());
      }
    }
    assertTrue(checked.size() >= 15, "endpoints checked: " + checked);
  }

  @Test
  void health_stays_open_and_reports_the_consumer_and_the_background_work() {
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body(
            "checks.name",
            org.hamcrest.Matchers.hasItems("card-events-consumer", "background-work"));
  }

  @Test
  void a_wrong_key_is_no_credentials_and_says_nothing_more() {
    given()
        .auth()
        .preemptive()
        .basic("ICBC", Banks.key("CCB"))
        .get("/banks/ICBC/feed")
        .then()
        .statusCode(401)
        .body("rule", equalTo("AUTH-REQUIRED"));
  }

  @Test
  void another_banks_paths_answer_404_and_operators_paths_are_for_operators() {
    assertEquals(
        Banks.as("CCB").get("/banks/ICBC/feed").then().statusCode(404).extract().asString(),
        Banks.as("CCB").get("/banks/CCB/cards/none").then().statusCode(404).extract().asString());
    Banks.as("CCB").get("/bank-feeds").then().statusCode(403).body("rule", equalTo("ACCESS-ROLE"));
    Banks.asOperator().get("/banks/ICBC/feed").then().statusCode(404);
    Banks.asOperator().get("/bank-feeds").then().statusCode(200);
  }
}
