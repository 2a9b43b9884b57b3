package cn.bj.hrss.card.application.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /cooperating-banks (issue 21: the citizen picks a bank and an outlet from a list): the
 * cooperating banks with their Chinese names and the outlets of each where a card may be collected,
 * read from the reference tables (an outlet an operator adds is listed), for any signed-in caller;
 * without a token 401 and nothing of it.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class CooperatingBanksResourceTest {

  private static final String CITIZEN = "110105198506150313";

  @Test
  void a_signed_in_citizen_reads_the_banks_and_their_collection_outlets() {
    Callers.operator()
        .body(
            Map.of(
                "name", "中国银行北京中关村支行（测试）",
                "kind", "BANK",
                "bankCode", "BOC",
                "districtCode", "110108",
                "address", "北京市海淀区中关村南大街1号"))
        .put("/outlets")
        .then()
        .statusCode(200);

    JsonPath banks =
        Callers.citizen(CITIZEN)
            .get("/cooperating-banks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    List<String> codes = banks.getList("code");
    assertEquals(codes.stream().sorted().toList(), codes, "by code");
    assertTrue(
        codes.size() >= 15 && codes.containsAll(List.of("ICBC", "BOB", "PSBC")), codes::toString);
    assertEquals("工商银行", banks.getString("find { it.code == 'ICBC' }.nameZh"));
    assertEquals(
        List.of("工商银行北京朝阳门支行", "工商银行北京西单支行"),
        banks.getList("find { it.code == 'ICBC' }.outlets.name"));
    assertEquals(
        List.of("BANK", "BANK_INSTANT"), banks.getList("find { it.code == 'ICBC' }.outlets.kind"));
    assertEquals(
        "北京市西城区西单北大街120号",
        banks.getString(
            "find { it.code == 'ICBC' }.outlets.find { it.kind == 'BANK_INSTANT' }.address"));
    assertTrue(
        banks.getList("find { it.code == 'BOC' }.outlets.name").contains("中国银行北京中关村支行（测试）"),
        "an outlet an operator adds is listed");
    String all = banks.prettify();
    assertFalse(all.contains("社会保障卡服务"), "district and street outlets collect no card: " + all);
  }

  @Test
  void any_signed_in_caller_may_read_it_and_nobody_without_a_token() {
    Callers.as("EMPLOYER", "EMP-110105-0001", "EMPLOYER_COLLECTIVE")
        .get("/cooperating-banks")
        .then()
        .statusCode(200)
        .body("find { it.code == 'BOB' }.nameZh", equalTo("北京银行"));
    Callers.auditor().get("/cooperating-banks").then().statusCode(200);

    String refused = given().get("/cooperating-banks").then().statusCode(401).extract().asString();
    assertFalse(refused.contains("工商银行"), refused);
    given()
        .header("Authorization", "Bearer not-a-token")
        .get("/cooperating-banks")
        .then()
        .statusCode(401);
  }
}
