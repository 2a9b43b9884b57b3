package cn.bj.hrss.card.application.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.security.NewPersons.Person;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 1: a guardian acts for a minor only where the relation is recorded (the registry,
 * or a check in person at an outlet), only until the minor's 18th birthday, and the applicant's
 * name is the registry's. Each attack goes through the real REST API; each refusal leaves the event
 * store and the claims as they were.
 */
@QuarkusTest
@TestProfile(MovableBusinessDate.Profile.class)
@WithTestResource(SuiteInfrastructureTestResource.class)
class GuardianshipAttackTest {

  private static final LocalDate SPRING_2026 = LocalDate.of(2026, 3, 2);

  @Inject DataSource dataSource;

  @AfterEach
  void backToTheServicesOwnDate() {
    MovableBusinessDate.set(null);
  }

  private StoredRows stored() {
    return StoredRows.of(dataSource);
  }

  @Test
  void a_citizen_naming_themself_guardian_of_an_adult_is_refused_and_the_adult_still_applies() {
    MovableBusinessDate.set(SPRING_2026);
    Person victim =
        NewPersons.imported(
            NewPersons.born(2008, 3, 1, "郑十八"), "URBAN_RURAL_RESIDENT", "", ""); // 18 yesterday
    Person attacker = NewPersons.adult("冒充者");
    StoredRows before = stored();

    Callers.citizen(attacker.idNumber())
        .body(NewPersons.byMail(victim, attacker, "CMB", "冒充者的地址1号"))
        .post("/cards")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"))
        .body("cardId", nullValue());

    assertEquals(before, stored(), "nothing is appended, nothing is claimed");
    Callers.citizen(victim.idNumber())
        .body(NewPersons.byMail(victim, null, "CMB", "北京市石景山区1号"))
        .post("/cards")
        .then()
        .statusCode(201);
  }

  @Test
  void a_citizen_naming_themself_guardian_of_a_minor_without_a_recorded_relation_is_refused() {
    MovableBusinessDate.set(SPRING_2026);
    Person minor = NewPersons.imported(NewPersons.born(2016, 4, 4, "孙小小"), "MINOR", "", "");
    Person notInTheRegistry = NewPersons.born(2016, 4, 5, "孙无名");
    Person attacker = NewPersons.adult("陌生人");
    StoredRows before = stored();

    Response refused =
        Callers.citizen(attacker.idNumber())
            .body(NewPersons.byMail(minor, attacker, "CMB", "陌生人的地址2号"))
            .post("/cards");
    Response unknownMinor =
        Callers.citizen(attacker.idNumber())
            .body(NewPersons.byMail(notInTheRegistry, attacker, "CMB", "陌生人的地址2号"))
            .post("/cards");

    refused.then().statusCode(409).body("rule", equalTo("R-BANK-4"));
    assertEquals(
        unknownMinor.asString(),
        refused.asString(),
        "the refusal says nothing of the minor: not whether the registry knows them");
    assertEquals(before, stored());
  }

  @Test
  void a_guardian_recorded_in_the_registry_acts_until_the_minors_18th_birthday_then_the_holder() {
    MovableBusinessDate.set(SPRING_2026);
    Person parent = NewPersons.adult("吴父");
    Person minor =
        NewPersons.imported(NewPersons.born(2008, 6, 10, "吴小满"), "MINOR", "", parent.idNumber());
    String card =
        Callers.citizen(parent.idNumber())
            .body(NewPersons.byMail(minor, parent, "CMB", "北京市石景山区3号"))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    Callers.operator()
        .get("/cards/{id}", card)
        .then()
        .body("history[0].actorRole", equalTo("GUARDIAN"));
    Callers.citizen(parent.idNumber()).get("/cards/{id}", card).then().statusCode(200);

    MovableBusinessDate.set(LocalDate.of(2026, 6, 10)); // the 18th birthday
    Response read = Callers.citizen(parent.idNumber()).get("/cards/{id}", card);
    Response noCard =
        Callers.citizen(parent.idNumber()).get("/cards/{id}", UUID.randomUUID().toString());
    read.then().statusCode(403).body("rule", equalTo("ACCESS-DENIED"));
    assertEquals(noCard.asString(), read.asString(), "refused exactly as for no card");
    StoredRows before = stored();
    Callers.citizen(parent.idNumber()).post("/cards/{id}/loss-report", card).then().statusCode(403);
    assertEquals(before, stored());
    Callers.citizen(minor.idNumber()).get("/cards/{id}", card).then().statusCode(200);
  }

  @Test
  void a_minor_sees_their_card_but_the_guardian_changes_or_withdraws_it_until_the_18th_birthday() {
    MovableBusinessDate.set(SPRING_2026);
    Person parent = NewPersons.adult("卫母");
    Person minor =
        NewPersons.imported(NewPersons.born(2012, 9, 9, "卫小安"), "MINOR", "", parent.idNumber());
    String card =
        Callers.citizen(parent.idNumber())
            .body(NewPersons.byMail(minor, parent, "CMB", "北京市石景山区8号"))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    Callers.citizen(minor.idNumber()).get("/cards/{id}", card).then().statusCode(200);

    StoredRows before = stored();
    Callers.citizen(minor.idNumber())
        .body("{\"collection\": {\"method\": \"MAIL\", \"address\": \"北京市石景山区9号\"}}")
        .post("/cards/{id}/application-change", card)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"))
        .body("message", containsString("监护人"));
    Callers.citizen(minor.idNumber())
        .post("/cards/{id}/withdrawal", card)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
    Callers.citizen(minor.idNumber())
        .body("{\"mobile\": \"13911112222\"}")
        .post("/cards/{id}/mobile", card)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
    assertEquals(before, stored(), "nothing recorded, the claim kept");

    Callers.citizen(parent.idNumber())
        .post("/cards/{id}/withdrawal", card)
        .then()
        .statusCode(200)
        .body("status", equalTo("WITHDRAWN"));
  }

  @Test
  void the_applicants_name_must_be_the_registrys_and_the_refusal_does_not_tell_it() {
    Person worker = NewPersons.adult("钱多多");
    Person notInsured = NewPersons.born(1981, 7, 7, "钱少少");
    StoredRows before = stored();

    Response wrongName =
        Callers.citizen(worker.idNumber())
            .body(NewPersons.byMail(new Person(worker.idNumber(), "钱少少"), null, "CMB", "北京市石景山区4号"))
            .post("/cards");
    Response unknown =
        Callers.citizen(notInsured.idNumber())
            .body(NewPersons.byMail(notInsured, null, "CMB", "北京市石景山区4号"))
            .post("/cards");

    wrongName.then().statusCode(400).body("rule", equalTo("R-ELIG-1"));
    assertFalse(wrongName.asString().contains("钱多多"), "the registry's name is not revealed");
    assertEquals(
        unknown.asString(), wrongName.asString(), "a wrong name and no insured person look alike");
    assertEquals(before, stored());
    Callers.citizen(worker.idNumber())
        .body(NewPersons.byMail(new Person(worker.idNumber(), " 钱多多 "), null, "CMB", "北京市石景山区4号"))
        .post("/cards")
        .then()
        .statusCode(201);
  }

  @Test
  void a_guardian_recorded_in_the_registry_applies_in_person_at_a_district_outlet() {
    MovableBusinessDate.set(SPRING_2026);
    Person mother = NewPersons.adult("冯母");
    Person minor =
        NewPersons.imported(NewPersons.born(2019, 9, 9, "冯小雨"), "MINOR", "", mother.idNumber());

    String card =
        Callers.as("OPERATOR", "staff-dongcheng-07", "DISTRICT_STREET_OUTLET")
            .body(NewPersons.byMail(minor, mother, "BOB", "北京市东城区5号"))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");

    Callers.citizen(mother.idNumber()).get("/cards/{id}", card).then().statusCode(200);
  }

  @Test
  void a_guardian_checked_in_person_by_a_bank_outlet_applies_there_and_the_check_is_audited() {
    MovableBusinessDate.set(SPRING_2026);
    Person father = NewPersons.adult("褚父");
    Person minor = NewPersons.imported(NewPersons.born(2014, 1, 20, "褚小乐"), "MINOR", "", "");
    String atTheOutlet =
        NewPersons.application(
            minor,
            father,
            "ICBC",
            "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"工商银行北京朝阳门支行\"}");
    StoredRows before = stored();

    // Not recorded yet: the bank's staff may not take the father's word for it.
    Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(atTheOutlet)
        .post("/cards")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
    assertEquals(before, stored());

    Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(
            """
            {"minorIdNumber": "%s", "guardianIdNumber": "%s", "documentType": "HOUSEHOLD_REGISTER",
             "documentNumber": "110107654321", "outletName": "工商银行北京朝阳门支行",
             "staffId": "teller-0217"}
            """
                .formatted(minor.idNumber(), father.idNumber()))
        .post("/guardianships")
        .then()
        .statusCode(201)
        .body("source", equalTo("IN_PERSON"))
        .body("documentNumber", equalTo("********4321"))
        .body("recordedBy", equalTo("ICBC"))
        .body("staffId", equalTo("teller-0217"));

    String card =
        Callers.as("BANK", "ICBC", "BANK_OUTLET")
            .body(atTheOutlet)
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    Callers.citizen(father.idNumber()).get("/cards/{id}", card).then().statusCode(200);
    // The record is for staff: the guardian, the holder's bank and a stranger read nothing of it.
    for (var stranger :
        List.of(
            Callers.citizen(father.idNumber()),
            Callers.as("BANK", "ICBC", "BANK_OUTLET"),
            Callers.citizen(NewPersons.adult("路人甲").idNumber()))) {
      stranger
          .get("/insured-persons/{id}/guardians", minor.idNumber())
          .then()
          .statusCode(403)
          .body(not(containsString("4321")));
    }
    Callers.auditor()
        .get("/insured-persons/{id}/guardians", minor.idNumber())
        .then()
        .statusCode(200)
        .body("[0].outletName", equalTo("工商银行北京朝阳门支行"))
        .body("[0].documentType", equalTo("HOUSEHOLD_REGISTER"))
        .body("[0].documentNumber", equalTo("********4321"))
        .body("[0].recordedByRole", equalTo("BANK"))
        .body("[0].recordedAt", not(nullValue()))
        .body("[0].guardianIdNumber", equalTo(maskedId(father.idNumber())));
  }

  @Test
  void a_check_in_person_is_refused_away_from_the_staffs_own_outlet_or_for_an_adult() {
    MovableBusinessDate.set(SPRING_2026);
    Person father = NewPersons.adult("蒋父");
    Person minor = NewPersons.imported(NewPersons.born(2013, 2, 2, "蒋小川"), "MINOR", "", "");
    Person adult = NewPersons.adult("蒋成年");
    String check =
        """
        {"minorIdNumber": "%s", "guardianIdNumber": "%s", "documentType": "BIRTH_CERTIFICATE",
         "documentNumber": "P110987654", "outletName": "%s", "staffId": "teller-9"}
        """;
    long relationsBefore = StoredRows.guardianships(dataSource);

    // Another bank's outlet.
    Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(check.formatted(minor.idNumber(), father.idNumber(), "建设银行北京通州支行"))
        .post("/guardianships")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
    // Not in person: through the bank's system interface.
    Callers.as("BANK", "ICBC", "BANK_API")
        .body(check.formatted(minor.idNumber(), father.idNumber(), "工商银行北京朝阳门支行"))
        .post("/guardianships")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
    // An operator at the console is not at a district or street outlet.
    Callers.operator()
        .body(check.formatted(minor.idNumber(), father.idNumber(), "东城区社会保障卡服务中心"))
        .post("/guardianships")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
    // A citizen records nothing.
    Callers.citizen(father.idNumber())
        .body(check.formatted(minor.idNumber(), father.idNumber(), "工商银行北京朝阳门支行"))
        .post("/guardianships")
        .then()
        .statusCode(403);
    // Nobody is the guardian of an adult.
    Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(check.formatted(adult.idNumber(), father.idNumber(), "工商银行北京朝阳门支行"))
        .post("/guardianships")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));

    assertEquals(relationsBefore, StoredRows.guardianships(dataSource), "nothing recorded");
    Callers.citizen(father.idNumber())
        .body(NewPersons.byMail(minor, father, "CMB", "北京市石景山区6号"))
        .post("/cards")
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-BANK-4"));
  }

  @Test
  void a_guardian_withdrawn_by_the_registry_loses_the_card_and_bad_columns_are_refused() {
    MovableBusinessDate.set(SPRING_2026);
    Person formerGuardian = NewPersons.adult("韩前监护人");
    Person minor =
        NewPersons.imported(
            NewPersons.born(2012, 12, 12, "韩小禾"), "MINOR", "", formerGuardian.idNumber());
    String card =
        Callers.citizen(formerGuardian.idNumber())
            .body(NewPersons.byMail(minor, formerGuardian, "CMB", "北京市石景山区7号"))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");

    NewPersons.imported(minor, "MINOR", "", "none");

    Callers.citizen(formerGuardian.idNumber())
        .get("/cards/{id}", card)
        .then()
        .statusCode(403)
        .body("rule", equalTo("ACCESS-DENIED"));
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code,"
                + "holds_old_card,away_from_school,guardian_id_numbers\n"
                + minor.idNumber()
                + ",韩小禾,MINOR,110107,,,,,110107201212120000\n"
                + minor.idNumber()
                + ",韩小禾,MINOR,110107,,,,,"
                + minor.idNumber()
                + "\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsRejected", equalTo(2))
        .body(
            "firstErrors.field",
            equalTo(java.util.List.of("guardian_id_numbers", "guardian_id_numbers")))
        .body("firstErrors.rule", equalTo(java.util.List.of("INPUT-ID-NUMBER", "R-BANK-4")));
  }

  private static String maskedId(String idNumber) {
    return idNumber.substring(0, 6) + "********" + idNumber.substring(14);
  }
}
