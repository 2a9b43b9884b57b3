package cn.bj.hrss.card.notification.security;

import static io.restassured.RestAssured.given;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.notification.TestCallers;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 8, items 1 and 2 for notification-service: who may read texts and change templates. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class AccessControlTest {

  @Test
  void without_a_valid_token_nothing_is_answered() {
    DevTokens tests = DevTokens.shared();
    for (String path :
        List.of(
            "/notifications/catalogue",
            "/notifications/blocked",
            "/notifications/cards/" + UUID.randomUUID(),
            "/projection/summary")) {
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
  }

  @Test
  void a_citizen_checks_a_text_but_reads_no_ones_messages() {
    TestCallers.citizen("11010519491231002X")
        .get("/notifications/cards/{id}", UUID.randomUUID().toString())
        .then()
        .statusCode(403);
    TestCallers.citizen("11010519491231002X").get("/notifications/blocked").then().statusCode(403);
    TestCallers.citizen("11010519491231002X")
        .contentType(ContentType.JSON)
        .body("{\"mobile\": \"13800138000\", \"text\": \"您的社保卡已制作完成\"}")
        .post("/notifications/verify")
        .then()
        .statusCode(200);
  }

  @Test
  void a_bank_or_factory_sees_nothing_here_and_an_auditor_changes_nothing() {
    for (String role : List.of(Roles.BANK, Roles.CARD_FACTORY, Roles.EMPLOYER)) {
      TestCallers.as(role, "ICBC").get("/notifications/catalogue").then().statusCode(403);
    }
    TestCallers.auditor().get("/notifications/catalogue").then().statusCode(200);
    TestCallers.auditor()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"某银行\"}")
        .put("/notifications/banks/ICBC")
        .then()
        .statusCode(403);
    TestCallers.auditor().post("/projection/rebuild").then().statusCode(403);
  }
}
