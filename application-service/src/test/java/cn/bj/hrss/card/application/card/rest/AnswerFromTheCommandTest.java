package cn.bj.hrss.card.application.card.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.CardCommands;
import cn.bj.hrss.card.application.card.command.RecordCardProduced;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.security.NewPersons;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADR 32: a command answers with the card made of the events read for it and the events it
 * appended, not with a read after the write. The answer is the same, byte for byte, as the read
 * right after it; and a command decided on events another command has since added to stores
 * nothing.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class AnswerFromTheCommandTest {

  private static final String OUTLET = "工商银行北京朝阳门支行";

  @TestHTTPResource("/")
  URL root;

  @Inject CardCommands cards;

  @BeforeEach
  void loadTheSampleRegistry() {
    SampleRegistryLoader.loadOnce(root);
  }

  private static String applied(NewPersons.Person person, String collection) {
    return Callers.citizen(person.idNumber())
        .body(NewPersons.application(person, null, "ICBC", collection))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  private static String pickup() {
    return "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"" + OUTLET + "\"}";
  }

  /** The command's answer, and then the card as read, the same bytes. */
  private static void answersAsTheRead(Response answer, String cardId) {
    String body = answer.then().statusCode(200).extract().asString();
    String read =
        Callers.operator().get("/cards/{id}", cardId).then().statusCode(200).extract().asString();
    assertEquals(read, body);
  }

  @Test
  void every_step_of_a_life_answers_what_the_read_after_it_shows() {
    NewPersons.Person person = NewPersons.adult("应答者");
    String cardId = applied(person, pickup());
    answersAsTheRead(
        Callers.citizen(person.idNumber())
            .body("{\"mobile\": \"13911118888\"}")
            .post("/cards/{id}/mobile", cardId),
        cardId);
    answersAsTheRead(
        Callers.citizen(person.idNumber())
            .body("{\"collection\": {\"method\": \"MAIL\", \"address\": \"北京市石景山区应答路1号\"}}")
            .post("/cards/{id}/application-change", cardId),
        cardId);
    answersAsTheRead(
        Callers.citizen(person.idNumber())
            .body("{\"collection\": " + pickup() + "}")
            .post("/cards/{id}/application-change", cardId),
        cardId);
    answersAsTheRead(
        Callers.factory("f")
            .body("{\"cardNumber\": \"C12345678\"}")
            .post("/cards/{id}/production", cardId),
        cardId);
    answersAsTheRead(
        Callers.factory("f").body(pickup()).post("/cards/{id}/dispatch", cardId), cardId);
    answersAsTheRead(
        Callers.as("BANK", "ICBC", "BANK_OUTLET")
            .body("{\"outletName\": \"" + OUTLET + "\"}")
            .post("/cards/{id}/collection", cardId),
        cardId);
    // Two events of one command (SocialFunctionEnabled, OldCardInvalidated), one instant.
    answersAsTheRead(
        Callers.as("BANK", "ICBC", "BANK_OUTLET").post("/cards/{id}/social-function", cardId),
        cardId);
    answersAsTheRead(
        Callers.citizen(person.idNumber()).post("/cards/{id}/loss-report", cardId), cardId);
    answersAsTheRead(
        Callers.citizen(person.idNumber()).post("/cards/{id}/loss-report/cancellation", cardId),
        cardId);
  }

  @Test
  void a_command_decided_on_events_read_before_another_commands_stores_nothing() {
    NewPersons.Person person = NewPersons.adult("并发者");
    String cardId = applied(person, pickup());
    CardEvents readBefore = cards.read(cardId);
    // Another request (another instance, ADR 14) produces the card meanwhile.
    Callers.factory("f")
        .body("{\"cardNumber\": \"D12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200);

    // On the events read before, the card is still REQUESTED and the production allowed; its
    // append takes the sequence the other command took, and the store refuses it.
    assertThrows(
        ConcurrencyException.class,
        () ->
            cards.send(
                CommandMetaData.of("OPERATOR", "op-1", "OPERATOR_CONSOLE", "corr-stale"),
                readBefore,
                new RecordCardProduced(cardId, "E12345678")));

    Callers.operator()
        .get("/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("cardNumber", equalTo("D12345678"));
  }
}
