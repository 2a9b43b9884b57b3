package cn.bj.hrss.card.production;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/**
 * Requests with a token of the tests' development issuer ({@link DevTokens#shared()}, which the
 * service under test trusts).
 */
public final class TestCallers {

  private TestCallers() {}

  public static RequestSpecification as(String role, String subject) {
    return given().auth().oauth2(DevTokens.shared().token(role, subject));
  }

  public static RequestSpecification operator() {
    return as(Roles.OPERATOR, "op-1");
  }

  public static RequestSpecification auditor() {
    return as(Roles.AUDITOR, "auditor-1");
  }

  public static RequestSpecification factory(String factoryId) {
    return as(Roles.CARD_FACTORY, factoryId);
  }

  public static RequestSpecification citizen(String idNumber) {
    return given().auth().oauth2(DevTokens.shared().citizen(idNumber));
  }

  /** Waits until the operator sees the card's order in {@code status}. */
  public static void awaitOrderStatus(String cardId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                operator()
                    .get("/production-orders/{id}", cardId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(status)));
  }

  /** The card's order as the operator reads it (the JSON), whatever its answer. */
  public static String orderJson(String cardId) {
    return operator().get("/production-orders/{id}", cardId).then().extract().asString();
  }
}
