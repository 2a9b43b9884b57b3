package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;

import cn.bj.hrss.card.contract.event.TrackingNumber;
import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A card's earlier steps driven through application-service's REST API, as its callers make them
 * (the way deploy's end-to-end tests do): a citizen's application and receipt on the WeChat
 * channel, and an operator standing in for the factory (production, dispatch by mail), so that a
 * browser test starts from a card in the state it needs.
 */
final class SuiteCards {

  static final String WECHAT = "BEIJING_HRSS_WECHAT";
  private static final String CONSOLE = "OPERATOR_CONSOLE";

  private final BrowserSuite suite;

  SuiteCards(BrowserSuite suite) {
    this.suite = suite;
  }

  /** A JSON request to application-service as the citizen of {@code idNumber}. */
  RequestSpecification citizen(String idNumber) {
    return given()
        .baseUri(suite.url("application-service"))
        .header("Authorization", "Bearer " + suite.tokens.issuer().citizen(idNumber))
        .header("X-Channel", WECHAT)
        .contentType("application/json");
  }

  private RequestSpecification operator() {
    return given()
        .baseUri(suite.url("application-service"))
        .header("Authorization", suite.tokens.authorization("OPERATOR", "frontends-it"))
        .header("X-Channel", CONSOLE)
        .contentType("application/json");
  }

  /** An application by mail: {@code bank} null leaves the bank out. */
  static Map<String, Object> application(SampleRegistry.Person person, String mobile, String bank) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "applicant",
        Map.of("idNumber", person.idNumber(), "name", person.name(), "mobile", mobile));
    if (bank != null) {
      body.put("bankCode", bank);
    }
    body.put("collection", Map.of("method", "MAIL", "address", "北京市海淀区示例路1号"));
    return body;
  }

  /** The person applies for themself by mail with {@code bank}; answers the new card's id. */
  String applied(SampleRegistry.Person person, String bank) {
    return citizen(person.idNumber())
        .body(
            application(person, person.mobile().isEmpty() ? "13911112222" : person.mobile(), bank))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  /** The card as the operator reads it. */
  JsonPath card(String cardId) {
    return operator().get("/cards/{id}", cardId).then().statusCode(200).extract().jsonPath();
  }

  void produced(String cardId) {
    String number = "I" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    operator()
        .body(Map.of("cardNumber", number))
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);
  }

  /** Produced, dispatched by mail (EMS) and its receipt confirmed by the holder: DELIVERED. */
  void delivered(String cardId, String holderIdNumber) {
    operator()
        .body(Map.of("method", "MAIL", "trackingNumber", emsNumber()))
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
    citizen(holderIdNumber).post("/cards/{id}/receipt", cardId).then().statusCode(200);
  }

  /** {@code command} on the card by the citizen of {@code idNumber}, as the API answers it. */
  Response as(String idNumber, String command, String cardId) {
    return citizen(idNumber).post("/cards/{id}/" + command, cardId);
  }

  /** An EMS tracking number (UPU S10: two letters, 8 digits, the check digit, CN). */
  private static String emsNumber() {
    String serial = String.valueOf(10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    return "EA" + serial + TrackingNumber.s10CheckDigit(serial) + "CN";
  }
}
