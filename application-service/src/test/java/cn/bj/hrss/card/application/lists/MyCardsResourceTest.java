package cn.bj.hrss.card.application.lists;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * S-LIST-1 through the real REST API: a citizen lists their own cards and those of the minors they
 * are the recorded guardian of, from their token alone, each with its progress and due date,
 * masked; anyone else learns nothing.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class MyCardsResourceTest {

  @Test
  void a_citizen_lists_their_own_card_and_their_minors_with_progress_and_due_date_masked() {
    String parent = ListPeople.person("赵大海", "FLEXIBLE_WORKER", 1980, "", "");
    String minor = ListPeople.person("赵小海", "MINOR", 2016, "", parent);
    String own = ListPeople.applied(Callers.citizen(parent), ListPeople.application(parent, "赵大海"));
    String minors =
        ListPeople.applied(
            Callers.citizen(parent),
            ListPeople.application(minor, "赵小海")
                .replace(
                    "\"bankCode\"",
                    "\"guardian\": {\"idNumber\": \"%s\", \"name\": \"赵大海\", \"mobile\": \"13600009999\"}, \"bankCode\""
                        .formatted(parent)));
    ListPeople.produced(own);

    Response mine = Callers.citizen(parent).get("/me/cards");

    mine.then()
        .statusCode(200)
        .body("cardId", containsInAnyOrder(own, minors))
        .body("find { it.cardId == '%s' }.forMinor".formatted(minors), equalTo(true))
        .body("find { it.cardId == '%s' }.progress.status".formatted(own), equalTo("PRODUCED"))
        .body("find { it.cardId == '%s' }.progress.statusName".formatted(own), equalTo("已制卡"))
        .body("find { it.cardId == '%s' }.progress.dueDate".formatted(own), notNullValue())
        .body("find { it.cardId == '%s' }.holderName".formatted(minors), equalTo("赵*海"))
        .body("find { it.cardId == '%s' }.holderIdNumber".formatted(own), containsString("****"));
    String body = mine.asString();
    assertEquals(false, body.contains(parent), "no ID number unmasked");
    assertEquals(false, body.contains(minor), "no ID number unmasked");
    // The minor, with their own token, sees their own card only.
    Callers.citizen(minor)
        .get("/me/cards")
        .then()
        .statusCode(200)
        .body("cardId", containsInAnyOrder(minors));
  }

  @Test
  void a_stranger_citizen_sees_none_of_them_and_other_roles_are_refused() {
    String holder = ListPeople.person("钱多多", "FLEXIBLE_WORKER", 1981, "", "");
    String card =
        ListPeople.applied(Callers.citizen(holder), ListPeople.application(holder, "钱多多"));
    String stranger = ListPeople.person("孙无关", "FLEXIBLE_WORKER", 1982, "", "");

    Callers.citizen(stranger)
        .get("/me/cards")
        .then()
        .statusCode(200)
        .body("$", hasSize(0))
        .body("cardId", not(containsInAnyOrder(card)));
    for (var caller :
        new io.restassured.specification.RequestSpecification[] {
          Callers.as("BANK", "ICBC", "BANK_OUTLET"),
          ListPeople.employer("EMP-110105-0001"),
          Callers.operator(),
          Callers.auditor()
        }) {
      caller
          .get("/me/cards")
          .then()
          .statusCode(403)
          .body("rule", equalTo("ACCESS-DENIED"))
          .body("message", equalTo("您无权办理或查询此项业务。"));
    }
  }
}
