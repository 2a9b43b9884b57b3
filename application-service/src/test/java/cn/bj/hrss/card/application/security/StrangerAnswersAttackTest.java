package cn.bj.hrss.card.application.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.security.NewPersons.Person;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 2: an answer about a person reveals nothing to a stranger. A second application
 * answers with the existing card only to a party of that card; a lookup by ID number answers only a
 * party of the person. Everyone else gets the one refusal of a caller who may not act for that
 * person, without a card id, and nothing is stored.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class StrangerAnswersAttackTest {

  private static final String AT_ICBC =
      "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"工商银行北京朝阳门支行\"}";

  @Inject DataSource dataSource;

  private static String appliedByMail(Person person, String bank) {
    return Callers.citizen(person.idNumber())
        .body(NewPersons.byMail(person, null, bank, "北京市石景山区8号"))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  /** The refusal of a bank applying for a card another bank would issue: "not for this caller". */
  private static Response notForThisCaller() {
    Person someone = NewPersons.adult("秦某");
    return Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(NewPersons.byMail(someone, null, "CMB", "北京市石景山区9号"))
        .post("/cards");
  }

  @Test
  void a_second_application_answers_with_the_card_only_to_a_party_of_that_card() {
    Person holder = NewPersons.adult("尤持卡");
    Person retiree = NewPersons.imported(NewPersons.born(1950, 3, 3, "许退休"), "RETIREE", "ICBC", "");
    String card = appliedByMail(holder, "CMB");
    String retireesCard = appliedByMail(retiree, "ICBC");
    Response refusal = notForThisCaller();
    refusal.then().statusCode(403).body("rule", equalTo("ACCESS-DENIED"));
    StoredRows before = StoredRows.of(dataSource);

    Response byAnotherBank =
        Callers.as("BANK", "ICBC", "BANK_OUTLET")
            .body(NewPersons.application(holder, null, "ICBC", AT_ICBC))
            .post("/cards");
    Response byACommunityHelper =
        Callers.as("COMMUNITY", "cw-110107-01", "COMMUNITY_DOOR_TO_DOOR")
            .body(NewPersons.byMail(retiree, null, "ICBC", "北京市石景山区10号"))
            .post("/cards");

    for (Response stranger : List.of(byAnotherBank, byACommunityHelper)) {
      assertEquals(refusal.statusCode(), stranger.statusCode(), stranger.asString());
      assertEquals(refusal.asString(), stranger.asString(), "the same refusal as any other");
      assertFalse(stranger.asString().contains(card), "no card id");
      assertFalse(stranger.asString().contains(retireesCard), "no card id");
    }
    assertEquals(before, StoredRows.of(dataSource), "nothing appended, nothing claimed");

    // The parties of the card get it: the holder, its issuing bank, an operator.
    for (RequestSpecification party :
        List.of(
            Callers.citizen(holder.idNumber()),
            Callers.as("BANK", "CMB", "BANK_OUTLET"),
            Callers.as("OPERATOR", "op-7", "OPERATOR_CONSOLE"))) {
      party
          .body(NewPersons.byMail(holder, null, "CMB", "北京市石景山区8号"))
          .post("/cards")
          .then()
          .statusCode(200)
          .body("cardId", equalTo(card))
          .body("existing", equalTo(true));
    }
    assertEquals(before, StoredRows.of(dataSource));
  }

  @Test
  void an_old_card_lookup_by_id_number_answers_only_a_party_of_the_person() {
    Person holder = NewPersons.adult("施有卡");
    Person without = NewPersons.adult("施无卡");
    appliedByMail(holder, "CMB");
    StoredRows before = StoredRows.of(dataSource);

    Map<String, Supplier<RequestSpecification>> strangers =
        Map.of(
            "another bank", () -> Callers.as("BANK", "ICBC", "BANK_API"),
            "a card factory", () -> Callers.as("CARD_FACTORY", "factory-1", "CARD_FACTORY_API"),
            "a community helper",
                () -> Callers.as("COMMUNITY", "cw-110107-01", "COMMUNITY_DOOR_TO_DOOR"),
            "an employer of others",
                () -> Callers.as("EMPLOYER", "EMP-110105-0001", "EMPLOYER_COLLECTIVE"),
            "another citizen", () -> Callers.citizen(without.idNumber()));
    String refusal = null;
    for (Map.Entry<String, Supplier<RequestSpecification>> stranger : strangers.entrySet()) {
      for (Person asked : List.of(holder, without)) {
        if (asked == without && stranger.getKey().equals("another citizen")) {
          continue; // asking about themself
        }
        Response answer = ask(stranger.getValue().get(), asked);
        assertEquals(403, answer.statusCode(), stranger.getKey() + ": " + answer.asString());
        if (refusal == null) {
          refusal = answer.asString();
        }
        assertEquals(refusal, answer.asString(), stranger.getKey() + " learns nothing");
      }
    }

    // The person, the issuing bank and an operator are told where to go.
    ask(Callers.citizen(holder.idNumber()), holder)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-LOSS-1"));
    ask(Callers.as("BANK", "CMB", "BANK_API"), holder)
        .then()
        .statusCode(409)
        .body("rule", equalTo("R-LOSS-1"));
    ask(Callers.operator(), without).then().statusCode(409).body("rule", equalTo("R-PHASE-2"));
    assertEquals(before, StoredRows.of(dataSource));
  }

  private static Response ask(RequestSpecification caller, Person about) {
    return caller
        .body("{\"idNumber\": \"%s\"}".formatted(about.idNumber()))
        .post("/old-generation-cards/replacement");
  }
}
