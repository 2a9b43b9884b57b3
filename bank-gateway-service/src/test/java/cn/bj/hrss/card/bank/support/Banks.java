package cn.bj.hrss.card.bank.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests as a bank or an operator, with the test keys of application.properties' %test. */
public final class Banks {

  private Banks() {}

  /** The test key of a bank: its SHA-256 is configured for the test profile. */
  public static String key(String bankCode) {
    return "test-key-" + bankCode + "-7c1e9a";
  }

  public static RequestSpecification as(String bankCode) {
    return given().auth().preemptive().basic(bankCode, key(bankCode));
  }

  public static RequestSpecification asOperator() {
    return given().auth().preemptive().basic("operator", "test-key-operator-5d2b");
  }
}
