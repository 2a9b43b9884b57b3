package cn.bj.hrss.card.application.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, items 1 and 2 for application-service: every endpoint family, every role, the refusals.
 * A refusal is 401 (no valid token) or 403 (a valid token without the right); a card the caller may
 * not see and a card that does not exist are refused alike.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class AccessControlTest {

  @TestHTTPResource("/")
  URL root;

  private static String residentCard;
  private static String employeeCard;
  private static String minorCard;

  @BeforeEach
  void cardsOfThreeKindsOfHolder() {
    if (residentCard != null) {
      return;
    }
    String url = root.toString();
    SampleRegistry.loadInto(url.substring(0, url.length() - 1), 200);
    SampleRegistry.Person resident = worker(40);
    residentCard =
        Callers.citizen(resident.idNumber())
            .body(byMail(resident.idNumber(), resident.name(), "CMB", null))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    SampleRegistry.Person staff = staff();
    employeeCard =
        Callers.as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE")
            .body(byMail(staff.idNumber(), staff.name(), "CCB", null))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    // R-BANK-4: the guardian's own token applies for the minor, and is recorded as GUARDIAN.
    minorCard =
        Callers.citizen(SampleRegistry.GUARDIAN.idNumber())
            .body(
                byMail(
                    SampleRegistry.MINOR.idNumber(),
                    SampleRegistry.MINOR.name(),
                    "BOC",
                    SampleRegistry.GUARDIAN))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
  }

  /** A member of the sample employer's staff that no other test applies for. */
  private static SampleRegistry.Person staff() {
    return SampleRegistry.generated(200, SampleRegistry.SEED).stream()
        .filter(p -> p.category().equals("EMPLOYED_STAFF"))
        .skip(10)
        .findFirst()
        .orElseThrow();
  }

  private static SampleRegistry.Person worker(int skip) {
    return SampleRegistry.generated(200, SampleRegistry.SEED).stream()
        .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
        .skip(skip)
        .findFirst()
        .orElseThrow();
  }

  private static String byMail(
      String idNumber, String name, String bank, SampleRegistry.Person guardian) {
    String guardianJson =
        guardian == null
            ? ""
            : ", \"guardian\": {\"idNumber\": \"%s\", \"name\": \"%s\", \"mobile\": \"%s\"}"
                .formatted(guardian.idNumber(), guardian.name(), guardian.mobile());
    return """
        {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911110000"}%s,
         "bankCode": "%s", "collection": {"method": "MAIL", "address": "北京市海淀区1号"}}
        """
        .formatted(idNumber, name, guardianJson, bank);
  }

  private static RequestSpecification bearer(String token) {
    return given()
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(token)
        .header("X-Channel", "OPERATOR_CONSOLE");
  }

  // ---- 401: no valid token --------------------------------------------------------------

  @Test
  void without_a_token_every_endpoint_family_answers_401() {
    for (String path :
        List.of(
            "/cards/" + residentCard,
            "/cards/" + residentCard + "/progress",
            "/audit/verify",
            "/audit/reconciliation",
            "/audit/cards/" + residentCard,
            "/insured-persons/import")) {
      given().get(path).then().statusCode(401);
    }
    given()
        .contentType(ContentType.JSON)
        .header("X-Channel", "BUREAU_WEBSITE")
        .body(byMail(worker(41).idNumber(), worker(41).name(), "CMB", null))
        .post("/cards")
        .then()
        .statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body("{\"cardNumber\": \"A1\"}")
        .post("/cards/{id}/production", residentCard)
        .then()
        .statusCode(401);
  }

  @Test
  void an_expired_an_unsigned_a_tampered_or_a_foreign_token_is_401() {
    DevTokens tests = DevTokens.shared();
    DevTokens stranger = DevTokens.generate();
    for (String token :
        List.of(
            tests.expiredToken("operator", "op-1"),
            tests.unsignedToken("operator", "op-1"),
            tests.tamperedToken("auditor", "operator", "op-1"),
            stranger.token("operator", "op-1"),
            "not-a-token")) {
      bearer(token).get("/cards/{id}", residentCard).then().statusCode(401);
      bearer(token).post("/audit/republish").then().statusCode(401);
    }
    // The genuine token of the same caller is accepted: the refusals above are the token's.
    bearer(tests.token("operator", "op-1")).get("/cards/{id}", residentCard).then().statusCode(200);
  }

  @Test
  void a_token_with_no_role_of_the_suite_is_403() {
    bearer(DevTokens.shared().token("guest", "g-1"))
        .get("/cards/{id}", residentCard)
        .then()
        .statusCode(403);
  }

  // ---- citizens -----------------------------------------------------------------------------

  @Test
  void a_citizen_reads_their_own_card_and_a_guardian_their_minors() {
    Callers.citizen(worker(40).idNumber())
        .get("/cards/{id}", residentCard)
        .then()
        .statusCode(200)
        .body("history[0].actorRole", equalTo("CITIZEN"));
    Callers.citizen(SampleRegistry.GUARDIAN.idNumber())
        .get("/cards/{id}/progress", minorCard)
        .then()
        .statusCode(200);
    Callers.operator()
        .get("/cards/{id}", minorCard)
        .then()
        .body("history[0].actorRole", equalTo("GUARDIAN"))
        // The actor is the token's opaque account, never the citizen's ID number.
        .body(
            "history[0].actorId",
            equalTo(DevTokens.citizenAccount(SampleRegistry.GUARDIAN.idNumber())));
  }

  @Test
  void a_citizen_reading_another_citizens_card_learns_nothing_more_than_for_no_card() {
    RequestSpecification other = Callers.citizen(SampleRegistry.RESIDENT.idNumber());
    Response someoneElses = other.get("/cards/{id}", residentCard);
    Response none =
        Callers.citizen(SampleRegistry.RESIDENT.idNumber())
            .get("/cards/{id}", UUID.randomUUID().toString());
    assertEquals(403, someoneElses.statusCode());
    assertEquals(403, none.statusCode());
    assertEquals(none.asString(), someoneElses.asString(), "the two refusals are the same");
    someoneElses.then().body("rule", equalTo("ACCESS-DENIED"));
    // The minor's own card is not the guardian's neighbour's either.
    Callers.citizen(SampleRegistry.RESIDENT.idNumber())
        .post("/cards/{id}/loss-report", minorCard)
        .then()
        .statusCode(403);
  }

  @Test
  void a_citizen_applies_only_for_themself_or_as_guardian_of_a_minor() {
    SampleRegistry.Person other = worker(42);
    Callers.citizen(SampleRegistry.RESIDENT.idNumber())
        .body(byMail(other.idNumber(), other.name(), "CMB", null))
        .post("/cards")
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
    // Through a channel that is not a citizen's, a citizen is refused too.
    Callers.as("CITIZEN", other.idNumber(), "BANK_OUTLET_INSTANT")
        .body(byMail(other.idNumber(), other.name(), "CMB", null))
        .post("/cards")
        .then()
        .statusCode(403);
  }

  @Test
  void a_citizen_asks_about_an_old_card_only_for_themself() {
    Callers.citizen(SampleRegistry.RESIDENT.idNumber())
        .body("{\"idNumber\": \"%s\"}".formatted(worker(40).idNumber()))
        .post("/old-generation-cards/replacement")
        .then()
        .statusCode(403);
  }

  // ---- employers, universities --------------------------------------------------------------

  @Test
  void an_employer_sees_its_own_staff_only_and_applies_for_no_one_else() {
    Callers.as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE")
        .get("/cards/{id}", employeeCard)
        .then()
        .statusCode(200);
    Callers.as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE")
        .get("/cards/{id}", residentCard)
        .then()
        .statusCode(403);
    Callers.as("EMPLOYER", "EMP-110101-9999", "EMPLOYER_COLLECTIVE")
        .get("/cards/{id}", employeeCard)
        .then()
        .statusCode(403);
    SampleRegistry.Person notStaff = worker(43);
    Callers.as("EMPLOYER", SampleRegistry.EMPLOYER, "EMPLOYER_COLLECTIVE")
        .body(byMail(notStaff.idNumber(), notStaff.name(), "CCB", null))
        .post("/cards")
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
    // Another employer acting for this employer's staff.
    Callers.as("EMPLOYER", "EMP-110101-9999", "EMPLOYER_COLLECTIVE")
        .body(byMail(staff().idNumber(), staff().name(), "CCB", null))
        .post("/cards")
        .then()
        .statusCode(403);
    Callers.as("UNIVERSITY", SampleRegistry.UNIVERSITY, "UNIVERSITY_COLLECTIVE")
        .get("/cards/{id}", employeeCard)
        .then()
        .statusCode(403);
  }

  // ---- banks --------------------------------------------------------------------------------

  @Test
  void a_bank_sees_and_acts_on_its_own_applicants_only() {
    Callers.as("BANK", "CMB", "BANK_API").get("/cards/{id}", residentCard).then().statusCode(200);
    Callers.as("BANK", "ICBC", "BANK_API").get("/cards/{id}", residentCard).then().statusCode(403);
    Callers.as("BANK", "ICBC", "BANK_API")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", residentCard)
        .then()
        .statusCode(403);
    Callers.as("BANK", "ICBC", "BANK_API")
        .body("{\"bankCode\": \"CMB\"}")
        .post("/cards/{id}/bank-change", residentCard)
        .then()
        .statusCode(403);
    SampleRegistry.Person applicant = worker(44);
    Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(byMail(applicant.idNumber(), applicant.name(), "CMB", null))
        .post("/cards")
        .then()
        .statusCode(403);
  }

  // ---- factories, auditors, relaying services ---------------------------------------------

  @Test
  void a_card_factory_reports_production_but_no_bank_hand_over() {
    Callers.as("CARD_FACTORY", "factory-1", "CARD_FACTORY_API")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", residentCard)
        .then()
        .statusCode(403);
    Callers.as("CARD_FACTORY", "factory-1", "CARD_FACTORY_API")
        .body("{\"reason\": \"LOST\", \"cardNumber\": \"X1\", \"outletName\": \"x\"}")
        .post("/cards/{id}/replacement", residentCard)
        .then()
        .statusCode(403);
  }

  @Test
  void an_auditor_reads_everything_and_writes_nothing() {
    Callers.auditor().get("/cards/{id}", employeeCard).then().statusCode(200);
    Callers.auditor().get("/audit/cards/{id}", employeeCard).then().statusCode(200);
    Callers.auditor().get("/audit/verify?cardId=" + employeeCard).then().statusCode(200);
    Callers.auditor()
        .body("{\"cardNumber\": \"A99999999\"}")
        .post("/cards/{id}/production", residentCard)
        .then()
        .statusCode(403);
    Callers.auditor().post("/cards/{id}/loss-report", residentCard).then().statusCode(403);
    Callers.auditor().post("/audit/republish").then().statusCode(403);
    Callers.auditor()
        .body(byMail(worker(45).idNumber(), worker(45).name(), "CMB", null))
        .post("/cards")
        .then()
        .statusCode(403);
    Callers.auditor()
        .body(
            "{\"nameZh\": \"某银行\", \"nameEn\": \"x\", \"cnapsCode\": \"1\", \"swiftCode\": \"x\"}")
        .put("/banks/XYZ")
        .then()
        .statusCode(403);
    Callers.operator().get("/cards/{id}", UUID.randomUUID().toString()).then().statusCode(404);
  }

  @Test
  void a_relaying_service_acts_only_as_the_bank_or_factory_it_names() {
    String gateway = DevTokens.shared().token("bank-gateway-service", "bank-gateway-service");
    // Without naming the bank it acts for, or naming another role: refused.
    bearer(gateway)
        .header("X-Channel", "BANK_API")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", residentCard)
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(gateway)
        .header("X-Channel", "OPERATOR_CONSOLE")
        .header("X-Actor-Role", "OPERATOR")
        .header("X-Actor-Id", "op-1")
        .post("/audit/republish")
        .then()
        .statusCode(403);
    // Acting for a bank, it cannot touch another bank's card.
    given()
        .contentType(ContentType.JSON)
        .auth()
        .oauth2(gateway)
        .header("X-Channel", "BANK_API")
        .header("X-Actor-Role", "BANK")
        .header("X-Actor-Id", "ICBC")
        .body("{\"method\": \"MAIL\"}")
        .post("/cards/{id}/delivery", residentCard)
        .then()
        .statusCode(403);
    // A citizen cannot name someone else with the relay headers.
    Callers.citizen(SampleRegistry.RESIDENT.idNumber())
        .header("X-Actor-Role", "OPERATOR")
        .header("X-Actor-Id", "op-1")
        .get("/cards/{id}", residentCard)
        .then()
        .statusCode(403);
  }
}
