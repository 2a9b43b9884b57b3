package cn.bj.hrss.card.production.security;

import static io.restassured.RestAssured.given;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 8, items 1 and 2 for card-production-service: who may read orders and report. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class AccessControlTest {

  private static final String PRODUCED = "{\"cardNumber\": \"A12345678\"}";

  @Test
  void without_a_valid_token_nothing_is_answered() {
    DevTokens tests = DevTokens.shared();
    for (String path : List.of("/production-orders", "/factory-reports", "/projection/summary")) {
      given().get(path).then().statusCode(401);
      for (String token :
          List.of(
              tests.expiredToken(Roles.OPERATOR, "op-1"),
              tests.unsignedToken(Roles.OPERATOR, "op-1"),
              tests.tamperedToken(Roles.CITIZEN, Roles.OPERATOR, "op-1"),
              DevTokens.generate().token(Roles.OPERATOR, "op-1"))) {
        given().auth().oauth2(token).get(path).then().statusCode(401);
      }
    }
    given()
        .contentType(ContentType.JSON)
        .body(PRODUCED)
        .post("/factories/ICBC-card-bureau/cards/{c}/produced", UUID.randomUUID().toString())
        .then()
        .statusCode(401);
  }

  @Test
  void a_factory_reports_only_as_itself_and_nobody_else_reports() {
    TestCallers.factory("CCB-card-bureau")
        .contentType(ContentType.JSON)
        .body(PRODUCED)
        .post("/factories/ICBC-card-bureau/cards/{c}/produced", UUID.randomUUID().toString())
        .then()
        .statusCode(403);
    for (String role : List.of(Roles.OPERATOR, Roles.AUDITOR, Roles.BANK)) {
      TestCallers.as(role, "ICBC-card-bureau")
          .contentType(ContentType.JSON)
          .body(PRODUCED)
          .post("/factories/ICBC-card-bureau/cards/{c}/produced", UUID.randomUUID().toString())
          .then()
          .statusCode(403);
    }
  }

  @Test
  void citizens_and_banks_read_no_orders_and_an_auditor_writes_nothing() {
    TestCallers.citizen("11010519491231002X").get("/production-orders").then().statusCode(403);
    TestCallers.as(Roles.BANK, "ICBC").get("/production-orders/summary").then().statusCode(403);
    TestCallers.auditor().get("/production-orders/summary").then().statusCode(200);
    TestCallers.factory("ICBC-card-bureau").get("/production-orders").then().statusCode(200);
    TestCallers.auditor().post("/projection/rebuild").then().statusCode(403);
    TestCallers.factory("ICBC-card-bureau").post("/projection/rebuild").then().statusCode(403);
  }
}
