package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.lists.ListPeople;
import cn.bj.hrss.card.application.security.MovableBusinessDate;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The holder's progress (GET /cards/{id}/progress) after the turns of issue 18 that are not an
 * application's change or withdrawal: a cancellation (S-END-1), mail that failed (S-MAIL-2), a
 * proxy's collection (S-PROXY-1) and a card returned to the bank after its pickup period
 * (S-PICKUP-1).
 */
@QuarkusTest
@TestProfile(MovableBusinessDate.Profile.class)
@WithTestResource(SuiteInfrastructureTestResource.class)
class CardProgressTurnsResourceTest {

  private static final String OUTLET = ListPeople.ICBC_OUTLET;
  private static final String TRACKING = "SF100000000032";

  @AfterEach
  void backToToday() {
    MovableBusinessDate.set(null);
  }

  private static ValidatableResponse progress(String holder, String cardId) {
    return Callers.citizen(holder).get("/cards/{id}/progress", cardId).then().statusCode(200);
  }

  /** The steps of a card produced and dispatched, with {@code turn} after the dispatch. */
  private static List<String> stepsWithTheTurn(String turn) {
    return List.of(
        "APPLIED", "IN_PRODUCTION", "PRODUCED", "DISPATCHED", turn, "COLLECTED", "ENABLED");
  }

  private static String newHolder(String name) {
    return ListPeople.person(name, "FLEXIBLE_WORKER", 1979, "", "");
  }

  @Test
  void S_END_1_a_card_cancelled_before_production_has_no_due_date_and_no_pending_step() {
    String holder = newHolder("卫注销");
    String cardId =
        ListPeople.applied(Callers.citizen(holder), ListPeople.application(holder, "卫注销"));
    progress(holder, cardId).body("dueDate", notNullValue());

    Callers.operator()
        .body("{\"reason\": \"EMIGRATED\", \"note\": \"本人书面申请，出境定居\"}")
        .post("/cards/{id}/cancellation", cardId)
        .then()
        .statusCode(200);

    progress(holder, cardId)
        .body("status", equalTo("CANCELLED"))
        .body("dueDate", nullValue())
        .body("dueRule", nullValue())
        .body("dueNote", containsString("已注销"))
        .body("dueNote", containsString("S-END-1"))
        .body("steps.step", equalTo(List.of("APPLIED", "CANCELLED")))
        .body("steps.done", everyItem(equalTo(true)))
        .body("steps[1].name", equalTo("已注销"))
        .body("steps[1].detail", equalTo("持卡人出境定居"));
  }

  @Test
  void S_MAIL_2_and_S_PROXY_1_failed_mail_then_a_proxy_collection_are_steps_of_the_progress() {
    String holder = newHolder("蒋邮退");
    String cardId =
        ListPeople.applied(
            Callers.citizen(holder),
            """
            {"applicant": {"idNumber": "%s", "name": "蒋邮退", "mobile": "13911117777"},
             "bankCode": "ICBC", "collection": {"method": "MAIL", "address": "北京市朝阳区测试路9号"}}
            """
                .formatted(holder));
    ListPeople.produced(cardId);
    Callers.factory("ICBC-card-bureau")
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"" + TRACKING + "\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
    Callers.relayedBank("ICBC")
        .body(
            "{\"trackingNumber\": \"%s\", \"reason\": \"RETURNED\", \"outletName\": \"%s\"}"
                .formatted(TRACKING, OUTLET))
        .post("/cards/{id}/mail-return", cardId)
        .then()
        .statusCode(200);

    progress(holder, cardId)
        .body("steps.step", equalTo(stepsWithTheTurn("MAIL_RETURNED")))
        .body("steps[4].name", equalTo("邮寄未送达，已转至" + OUTLET + "网点待领"))
        .body("steps[4].done", equalTo(true))
        .body("steps[5].done", equalTo(false));

    String proxyId = SampleRegistry.id("110105", 1984, 3, 2, 321);
    Callers.as("BANK", "ICBC", "BANK_OUTLET")
        .body(
            """
            {"outletName": "%s", "proxy": {"name": "李建国", "idNumber": "%s"},
             "authorisation": "SQ2026000777"}
            """
                .formatted(OUTLET, proxyId))
        .post("/cards/{id}/collection", cardId)
        .then()
        .statusCode(200);

    progress(holder, cardId)
        .body("steps[5].step", equalTo("COLLECTED"))
        .body("steps[5].done", equalTo(true))
        .body("steps[5].name", containsString("代领"))
        .body("steps[5].name", containsString("李*国"))
        .body("steps[5].name", containsString("110105********" + proxyId.substring(14)))
        .body("steps[5].name", not(containsString(proxyId)))
        .body("steps[5].detail", equalTo(OUTLET));
  }

  @Test
  void S_PICKUP_1_a_card_returned_to_the_bank_says_so_and_can_still_be_collected() {
    LocalDate arrived = LocalDate.of(2026, 10, 12);
    MovableBusinessDate.set(arrived.minusDays(10));
    String holder = newHolder("沈未领");
    String cardId =
        ListPeople.applied(Callers.citizen(holder), ListPeople.application(holder, "沈未领"));
    ListPeople.produced(cardId);
    MovableBusinessDate.set(arrived);
    ListPeople.dispatchedToTheOutlet(cardId);
    MovableBusinessDate.set(arrived.plusDays(91));
    Callers.operator().post("/pickup-sweep").then().statusCode(200);

    progress(holder, cardId)
        .body("status", equalTo("RETURNED_TO_BANK"))
        .body("steps.step", equalTo(stepsWithTheTurn("RETURNED_TO_BANK")))
        .body("steps[4].name", equalTo("超过领卡期限，已退回银行卡库，可预约领取"))
        .body("steps[4].done", equalTo(true))
        .body("steps[5].done", equalTo(false));
  }
}
