package cn.bj.hrss.card.application;

import static io.restassured.RestAssured.given;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Requests as a caller with a signed token of the tests' development issuer ({@link
 * DevTokens#shared()}, which the service under test trusts).
 */
public final class Callers {

  private Callers() {}

  /**
   * A JSON request as {@code actorRole} (CITIZEN, EMPLOYER, BANK, OPERATOR, ...) through {@code
   * channel}; for a citizen {@code id} is the ID number their token verified, otherwise the token's
   * subject (an organisation id, a bank code, a staff id).
   */
  public static RequestSpecification as(String actorRole, String id, String channel) {
    return given()
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(token(actorRole, id))
        .header("X-Channel", channel);
  }

  /** A citizen, by the ID number their token verified. */
  public static RequestSpecification citizen(String idNumber) {
    return as("CITIZEN", idNumber, "BUREAU_WEBSITE");
  }

  /**
   * A card factory's report as card-production-service relays it (ADR 24): that service's token,
   * the factory named in X-Actor-Role and X-Actor-Id, channel CARD_FACTORY_API. A factory's own
   * token reaches no card here.
   */
  public static RequestSpecification factory(String factoryId) {
    return relayed(Roles.CARD_PRODUCTION_SERVICE, "CARD_FACTORY", factoryId, "CARD_FACTORY_API");
  }

  /**
   * A bank's report as bank-gateway-service relays it (ADR 10): that service's token, the bank
   * named in X-Actor-Role and X-Actor-Id, channel BANK_API.
   */
  public static RequestSpecification relayedBank(String bankCode) {
    return relayed(Roles.BANK_GATEWAY_SERVICE, "BANK", bankCode, "BANK_API");
  }

  private static RequestSpecification relayed(
      String serviceRole, String actorRole, String actorId, String channel) {
    return given()
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(DevTokens.shared().token(serviceRole, serviceRole))
        .header("X-Channel", channel)
        .header("X-Actor-Role", actorRole)
        .header("X-Actor-Id", actorId);
  }

  public static RequestSpecification operator() {
    return as("OPERATOR", "op-1", "OPERATOR_CONSOLE");
  }

  public static RequestSpecification auditor() {
    return as("AUDITOR", "auditor-1", "OPERATOR_CONSOLE");
  }

  /** The signed token of {@code actorRole} and {@code id}, as {@link #as} sends it. */
  public static String token(String actorRole, String id) {
    return DevTokens.shared().forActor(actorRole, id);
  }
}
