package cn.bj.hrss.card.bank.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each bank has its own token; without a valid one, or with another bank's, nothing is given (issue
 * 8).
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class AuthenticationTest {

  @Test
  void every_endpoint_of_the_openapi_document_refuses_a_request_without_a_valid_token()
      throws Exception {
    JsonNode paths =
        new ObjectMapper()
            .readTree(
                given()
                    .auth()
                    .oauth2(
                        cn.bj.hrss.card.devidentity.DevTokens.shared()
                            .token("auditor", "prometheus"))
                    .get("/q/openapi?format=json")
                    .then()
                    .extract()
                    .asString())
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
            .header("WWW-Authenticate", startsWith("Bearer"));
        for (String token :
            List.of(
                DevTokens.shared().expiredToken(Roles.OPERATOR, "op-1"),
                DevTokens.shared().unsignedToken(Roles.OPERATOR, "op-1"),
                DevTokens.shared().tamperedToken(Roles.BANK, Roles.OPERATOR, "ICBC"),
                DevTokens.generate().token(Roles.OPERATOR, "op-1"))) {
          given()
              .auth()
              .oauth2(token)
              .contentType("application/json")
              .body(method.equals("GET") ? "" : "{}")
              .request(method, concrete)
              .then()
              .statusCode(401);
        }
        checked.add(method + " " + path.getKey());
      }
    }
    assertTrue(checked.size() >= 15, "endpoints checked: " + checked);
  }

  @jakarta.inject.Inject cn.bj.hrss.card.identity.VerifiedTokenParser verifiedTokens;

  /** ADR 32: this service keeps verified tokens too (service-identity's parser is in use here). */
  @Test
  void a_verified_token_is_kept_and_a_tampered_copy_is_refused() {
    String token = DevTokens.shared().token("auditor", "token-kept-" + java.util.UUID.randomUUID());
    int before = verifiedTokens.kept();
    given().auth().oauth2(token).get("/bank-feeds").then().statusCode(200);
    given().auth().oauth2(token).get("/bank-feeds").then().statusCode(200);
    assertEquals(before + 1, verifiedTokens.kept());
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    given().auth().oauth2(tampered).get("/bank-feeds").then().statusCode(401);
    assertEquals(before + 1, verifiedTokens.kept());
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
  void another_banks_paths_are_refused_and_operators_paths_are_for_operators() {
    Banks.as("CCB").get("/banks/ICBC/feed").then().statusCode(404);
    Banks.as("CCB")
        .contentType("application/json")
        .body("{\"upTo\": 1}")
        .post("/banks/ICBC/feed/acknowledgements")
        .then()
        .statusCode(404);
    // Within its own path, a card that is not the bank's is the same as no card at all.
    assertEquals(
        Banks.as("CCB").get("/banks/CCB/cards/none").then().statusCode(404).extract().asString(),
        Banks.as("CCB")
            .get("/banks/CCB/cards/" + java.util.UUID.randomUUID())
            .then()
            .statusCode(404)
            .extract()
            .asString());
    Banks.as("CCB")
        .get("/bank-feeds")
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
    Banks.asOperator().get("/banks/ICBC/feed").then().statusCode(404);
    Banks.asOperator().get("/bank-feeds").then().statusCode(200);
  }

  @Test
  void an_auditor_reads_everything_and_writes_nothing() {
    Banks.asAuditor().get("/bank-feeds").then().statusCode(200);
    Banks.asAuditor().get("/banks/ICBC/feed").then().statusCode(200);
    Banks.asAuditor().get("/projection/summary").then().statusCode(200);
    Banks.asAuditor()
        .contentType("application/json")
        .body("{\"upTo\": 1}")
        .post("/banks/ICBC/feed/acknowledgements")
        .then()
        .statusCode(404);
    Banks.asAuditor().post("/projection/rebuild").then().statusCode(403);
  }

  @Test
  void a_citizens_or_a_factorys_token_opens_nothing_here() {
    for (String role : List.of(Roles.CITIZEN, Roles.CARD_FACTORY, Roles.EMPLOYER)) {
      given()
          .auth()
          .oauth2(DevTokens.shared().token(role, "ICBC"))
          .get("/banks/ICBC/feed")
          .then()
          .statusCode(404);
      given()
          .auth()
          .oauth2(DevTokens.shared().token(role, "ICBC"))
          .get("/bank-feeds")
          .then()
          .statusCode(403);
    }
  }

  @Test
  void the_caller_is_the_tokens_sub_whatever_its_upn_says() {
    // Issue 16: bank-gateway-service read the caller from upn/preferred_username, the others from
    // sub; a token whose upn names CCB but whose sub is ICBC now acts as ICBC everywhere.
    String token =
        cn.bj.hrss.card.devidentity.DevTokens.shared().tokenWithUpn("bank", "ICBC", "CCB");
    given().auth().oauth2(token).get("/banks/ICBC/feed").then().statusCode(200);
    given().auth().oauth2(token).get("/banks/CCB/feed").then().statusCode(404);
  }
}
