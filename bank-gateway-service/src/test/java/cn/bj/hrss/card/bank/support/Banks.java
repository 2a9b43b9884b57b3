package cn.bj.hrss.card.bank.support;

import static io.restassured.RestAssured.given;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import io.restassured.specification.RequestSpecification;

/** Requests as a bank or an operator, with tokens of the tests' development issuer. */
public final class Banks {

  private Banks() {}

  public static RequestSpecification as(String bankCode) {
    return given().auth().oauth2(DevTokens.shared().token(Roles.BANK, bankCode));
  }

  public static RequestSpecification asOperator() {
    return given().auth().oauth2(DevTokens.shared().token(Roles.OPERATOR, "op-1"));
  }

  public static RequestSpecification asAuditor() {
    return given().auth().oauth2(DevTokens.shared().token(Roles.AUDITOR, "auditor-1"));
  }
}
