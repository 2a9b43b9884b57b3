package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.lists.ListPeople;
import cn.bj.hrss.card.application.security.NewPersons;
import cn.bj.hrss.card.application.security.NewPersons.Person;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An application changed (S-CHANGE-1) or withdrawn (S-WITHDRAW-1) before production, a new mobile
 * number (S-MOBILE-1) and the receipt of a mailed card (S-MAIL-1), over REST against the real
 * service: each by whom it is for, a stranger refused exactly as for a card that is not there with
 * nothing recorded, and a refusal once the card is produced.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ApplicationChangeResourceTest {

  private static final String CHAOYANGMEN = "工商银行北京朝阳门支行";

  private static RequestSpecification citizen(Person person) {
    return Callers.citizen(person.idNumber());
  }

  /** {@code person}'s POST of {@code body} to {@code path} for {@code cardId}, to be checked. */
  private static ValidatableResponse post(Person person, String path, String body, String cardId) {
    return citizen(person).body(body).post(path, cardId).then();
  }

  /** An adult's application by mail at ICBC; returns the card id. */
  private static String appliedByMail(Person person) {
    return citizen(person)
        .body(NewPersons.byMail(person, null, "ICBC", "北京市石景山区鲁谷路1号"))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  private static void produced(String cardId) {
    Callers.factory("factory-1")
        .body("{\"cardNumber\": \"C12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);
  }

  private static int version(String cardId) {
    return Callers.operator().get("/cards/{id}", cardId).then().extract().path("version");
  }

  /**
   * A stranger's {@code request} on {@code cardId}: refused exactly as on a card that is not there,
   * and nothing recorded.
   */
  private static void strangerIsRefused(String path, String body, String cardId) {
    Person stranger = NewPersons.adult("路人甲");
    int before = version(cardId);
    Response refused = citizen(stranger).body(body).post(path, cardId);
    Response noCard = citizen(stranger).body(body).post(path, UUID.randomUUID().toString());
    refused.then().statusCode(403).body("rule", equalTo("ACCESS-DENIED"));
    assertEquals(noCard.asString(), refused.asString(), "refused exactly as for no card");
    assertEquals(before, version(cardId), "nothing recorded");
  }

  @Test
  void S_CHANGE_1_the_holder_changes_mail_to_pickup_before_production_and_a_stranger_cannot() {
    Person holder = NewPersons.adult("钱改址");
    String cardId = appliedByMail(holder);
    String toOutlet =
        "{\"collection\": {\"method\": \"OUTLET_PICKUP\", \"outletName\": \"%s\"}}"
            .formatted(CHAOYANGMEN);
    strangerIsRefused("/cards/{id}/application-change", toOutlet, cardId);

    post(holder, "/cards/{id}/application-change", toOutlet, cardId)
        .statusCode(200)
        .body("collectionMethod", equalTo("OUTLET_PICKUP"))
        .body("bankCode", equalTo("ICBC"))
        .body("history[-1].eventType", equalTo("ApplicationChanged"));
    citizen(holder)
        .get("/cards/{id}/progress", cardId)
        .then()
        .body("steps.step", hasItem("CHANGED"))
        .body("steps.find { it.step == 'CHANGED' }.detail", equalTo(CHAOYANGMEN));
    post(holder, "/cards/{id}/application-change", toOutlet, cardId)
        .statusCode(409)
        .body("rule", equalTo("S-CHANGE-1"));
  }

  @Test
  void S_CHANGE_1_a_produced_card_is_not_changed() {
    Person holder = NewPersons.adult("孙已制");
    String cardId = appliedByMail(holder);
    produced(cardId);
    post(
            holder,
            "/cards/{id}/application-change",
            "{\"bankCode\": \"CCB\", \"collection\": {\"method\": \"MAIL\", \"address\": \"北京市1号\"}}",
            cardId)
        .statusCode(409)
        .body("rule", equalTo("S-CHANGE-1"))
        .body("message", containsString("卡片已制作"));
  }

  @Test
  void S_WITHDRAW_1_the_holder_withdraws_and_may_apply_again_for_a_new_card() {
    Person holder = NewPersons.adult("李撤回");
    String cardId = appliedByMail(holder);
    strangerIsRefused("/cards/{id}/withdrawal", "", cardId);

    post(holder, "/cards/{id}/withdrawal", "", cardId)
        .statusCode(200)
        .body("status", equalTo("WITHDRAWN"));
    citizen(holder)
        .get("/cards/{id}/progress", cardId)
        .then()
        .body("dueDate", nullValue())
        .body("steps.step", hasItem("WITHDRAWN"))
        .body("steps.step", not(hasItem("PRODUCED")));
    Callers.factory("factory-1")
        .body("{\"cardNumber\": \"C12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(409)
        .body("rule", equalTo("S-WITHDRAW-1"))
        .body("message", containsString("该申领已撤回"));

    String newCardId = appliedByMail(holder);
    assertNotEquals(cardId, newCardId);
  }

  @Test
  void S_WITHDRAW_1_a_produced_card_is_not_withdrawn_and_the_application_stays() {
    Person holder = NewPersons.adult("周已制");
    String cardId = appliedByMail(holder);
    produced(cardId);
    post(holder, "/cards/{id}/withdrawal", "", cardId)
        .statusCode(409)
        .body("rule", equalTo("S-WITHDRAW-1"));
    citizen(holder)
        .body(NewPersons.byMail(holder, null, "ICBC", "北京市石景山区鲁谷路1号"))
        .post("/cards")
        .then()
        .statusCode(200)
        .body("cardId", equalTo(cardId))
        .body("existing", equalTo(true));
  }

  @Test
  void S_MOBILE_1_the_holder_and_a_minors_guardian_change_their_numbers() {
    Person holder = NewPersons.adult("吴换号");
    String cardId = appliedByMail(holder);
    strangerIsRefused("/cards/{id}/mobile", "{\"mobile\": \"13900001111\"}", cardId);
    post(holder, "/cards/{id}/mobile", "{\"mobile\": \"010-1234567\"}", cardId)
        .statusCode(400)
        .body("rule", equalTo("INPUT-MOBILE"));
    post(holder, "/cards/{id}/mobile", "{\"mobile\": \"13900001111\"}", cardId)
        .statusCode(200)
        .body("applicantMobile", equalTo("139****1111"))
        .body("history[-1].eventType", equalTo("MobileNumberChanged"));

    Person parent = NewPersons.adult("郑家长");
    Person minor =
        NewPersons.imported(NewPersons.born(2016, 5, 5, "郑小号"), "MINOR", "", parent.idNumber());
    String minorsCard =
        citizen(parent)
            .body(NewPersons.byMail(minor, parent, "ICBC", "北京市石景山区2号"))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    post(parent, "/cards/{id}/mobile", "{\"mobile\": \"13900002222\"}", minorsCard)
        .statusCode(200)
        .body("history[-1].actorRole", equalTo("GUARDIAN"));
  }

  @Test
  void S_MOBILE_1_a_withdrawn_card_keeps_its_number() {
    Person holder = NewPersons.adult("冯撤号");
    String cardId = appliedByMail(holder);
    post(holder, "/cards/{id}/withdrawal", "", cardId).statusCode(200);
    post(holder, "/cards/{id}/mobile", "{\"mobile\": \"13900003333\"}", cardId)
        .statusCode(409)
        .body("rule", equalTo("S-WITHDRAW-1"));
  }

  @Test
  void S_MAIL_1_the_holder_confirms_receipt_of_the_mailed_card_then_enables_it() {
    Person holder = NewPersons.adult("陈收件");
    String cardId = appliedByMail(holder);
    post(holder, "/cards/{id}/receipt", "", cardId)
        .statusCode(409)
        .body("rule", equalTo("S-MAIL-1"));
    produced(cardId);
    Callers.factory("factory-1")
        .body("{\"method\": \"MAIL\", \"trackingNumber\": \"SF100000000002\"}")
        .post("/cards/{id}/dispatch", cardId)
        .then()
        .statusCode(200);
    strangerIsRefused("/cards/{id}/receipt", "", cardId);

    post(holder, "/cards/{id}/receipt", "", cardId)
        .statusCode(200)
        .body("status", equalTo("DELIVERED"))
        .body("history[-1].actorRole", equalTo("CITIZEN"));
    post(holder, "/cards/{id}/social-function", "", cardId)
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));
  }

  /**
   * {@code caller}'s POST of {@code body} to {@code path} on {@code cardId}: refused exactly as the
   * same caller is on a card that is not there, and nothing recorded.
   */
  private static void refusedLikeNoCard(
      Supplier<RequestSpecification> caller, String path, String body, String cardId) {
    int before = version(cardId);
    Response refused = caller.get().body(body).post(path, cardId);
    Response noCard = caller.get().body(body).post(path, UUID.randomUUID().toString());
    refused.then().statusCode(403).body("rule", equalTo("ACCESS-DENIED"));
    assertEquals(noCard.asString(), refused.asString(), "refused exactly as for no card");
    assertEquals(before, version(cardId), "nothing recorded");
  }

  @Test
  void S_CHANGE_1_the_employer_that_applied_collectively_changes_it_and_no_other_employer_can() {
    String employer = ListPeople.newEmployer();
    String staff = ListPeople.staff(employer, "褚集体");
    String cardId =
        ListPeople.applied(ListPeople.employer(employer), ListPeople.application(staff, "褚集体"));
    String selfApplying = ListPeople.staff(employer, "卫自申");
    String ownCard =
        ListPeople.applied(
            Callers.citizen(selfApplying), ListPeople.application(selfApplying, "卫自申"));
    String toMail = "{\"collection\": {\"method\": \"MAIL\", \"address\": \"北京市朝阳区建国路1号\"}}";

    String other = ListPeople.newEmployer();
    for (String path : new String[] {"/cards/{id}/application-change", "/cards/{id}/withdrawal"}) {
      String body = path.endsWith("change") ? toMail : "";
      refusedLikeNoCard(() -> ListPeople.employer(other), path, body, cardId);
      // the holder's own employer, on an application the holder made: not the employer's to change
      refusedLikeNoCard(() -> ListPeople.employer(employer), path, body, ownCard);
    }

    ListPeople.employer(employer)
        .body(toMail)
        .post("/cards/{id}/application-change", cardId)
        .then()
        .statusCode(200)
        .body("collectionMethod", equalTo("MAIL"))
        .body("history[-1].eventType", equalTo("ApplicationChanged"))
        .body("history[-1].actorRole", equalTo("EMPLOYER"))
        .body("history[-1].actorId", equalTo(employer));
  }

  @Test
  void S_WITHDRAW_1_an_operator_withdraws_an_application_recorded_as_by_the_operator() {
    Person holder = NewPersons.adult("韩撤销");
    String cardId = appliedByMail(holder);
    Callers.operator()
        .post("/cards/{id}/withdrawal", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("WITHDRAWN"))
        .body("history[-1].eventType", equalTo("ApplicationWithdrawn"))
        .body("history[-1].actorRole", equalTo("OPERATOR"));

    ApplicationWithdrawn withdrawn =
        (ApplicationWithdrawn)
            new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
                .readByKey(Topics.CARD_LIFECYCLE, cardId, 2, Duration.ofSeconds(30)).stream()
                    .map(EventCodec::decode)
                    .filter(event -> event.eventType().equals("ApplicationWithdrawn"))
                    .findFirst()
                    .orElseThrow()
                    .payload();
    assertEquals(ApplicationWithdrawn.BY_OPERATOR, withdrawn.reason());
  }
}
