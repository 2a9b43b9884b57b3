package cn.bj.hrss.card.bank.card;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.TestCard;
import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * S-LIST-3: a bank's cards waiting at its outlets for pickup, since when (the business day in
 * Beijing the card arrived), whether the holder was reminded, and those past their pickup period
 * (S-PICKUP-1), for the bank itself and operators; another bank is refused exactly as a bank code
 * that does not exist, and learns nothing.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class AwaitingPickupTest {

  private static final String PATH = "/banks/{bank}/cards/awaiting-pickup";

  /** A bank of this test's own, so that its list holds only this test's cards. */
  private static String newBank() {
    return "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
  }

  @Test
  void S_LIST_3_the_bank_sees_its_cards_waiting_at_its_outlets_reminded_and_past_their_period() {
    String bank = newBank();
    String east = bank + " 东城网点";
    String west = bank + " 西城网点";
    TestCard waiting = TestCard.requestedWith(bank).produced().dispatchedTo(east).publish();
    TestCard reminded =
        TestCard.requestedWith(bank)
            .produced()
            .dispatchedTo(west)
            .pickupPeriodEnding(west, "2025-11-03", "2026-02-01")
            .publish();
    TestCard mailReturned =
        TestCard.requestedWith(bank).produced().dispatched().mailReturnedTo(east).publish();
    TestCard returned =
        TestCard.requestedWith(bank)
            .produced()
            .dispatchedTo(east)
            .pickupPeriodEnding(east, "2025-11-03", "2026-02-01")
            .uncollectedReturned(east, "2025-11-03", "2026-02-01")
            .publish();
    TestCard collected = TestCard.requestedWith(bank).produced().dispatchedTo(east).collected();
    collected.publish();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Banks.as(bank)
                    .get(PATH, bank)
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(4))
                    .body(
                        "cards.find { it.cardId == '" + returned.id + "' }.state",
                        equalTo("RETURNED_TO_STORE")));

    Banks.as(bank)
        .queryParam("outlet", east)
        .queryParam("state", "WAITING")
        .get(PATH, bank)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("cards.cardId", contains(sorted(waiting.id, mailReturned.id).toArray()))
        .body("cards[0].waitingSince", equalTo("2025-11-03"))
        .body("cards[0].reminded", equalTo(false));
    Banks.as(bank)
        .queryParam("state", "REMINDED")
        .get(PATH, bank)
        .then()
        .body("cards.cardId", contains(reminded.id))
        .body("cards[0].outletName", equalTo(west))
        .body("cards[0].reminded", equalTo(true))
        .body("cards[0].pickupEnds", equalTo("2026-02-01"))
        .body("cards[0].cardNumber", equalTo(reminded.cardNumber));
    Banks.as(bank)
        .queryParam("state", "RETURNED_TO_STORE")
        .get(PATH, bank)
        .then()
        .body("cards.cardId", contains(returned.id))
        .body("cards[0].reminded", equalTo(true))
        .body("cards[0].pickupEnds", equalTo("2026-02-01"));
    // Paged in a stable order; an operator sees the same list.
    Banks.as(bank)
        .queryParam("limit", 1)
        .queryParam("offset", 3)
        .get(PATH, bank)
        .then()
        .body("total", equalTo(4))
        .body("cards.size()", equalTo(1));
    assertEquals(
        Banks.as(bank).get(PATH, bank).then().extract().asString(),
        Banks.asOperator().get(PATH, bank).then().statusCode(200).extract().asString());
    Banks.as(bank)
        .queryParam("state", "LOST")
        .get(PATH, bank)
        .then()
        .statusCode(400)
        .body("rule", equalTo("INPUT-STATE"));
  }

  @Test
  void S_LIST_3_another_bank_is_refused_as_for_a_bank_that_does_not_exist_and_learns_nothing() {
    String bank = newBank();
    TestCard card = TestCard.requestedWith(bank).produced().dispatched().publish();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> Banks.as(bank).get(PATH, bank).then().body("total", equalTo(1)));

    String stranger = newBank();
    Response theirs = Banks.as(stranger).get(PATH, bank);
    Response none = Banks.as(stranger).get(PATH, "NOSUCHBANK");
    assertEquals(403, theirs.statusCode());
    assertEquals(none.statusCode(), theirs.statusCode());
    assertEquals(none.body().asString(), theirs.body().asString());
    theirs.then().body("rule", equalTo("ACCESS-DENIED"));
    for (String secret : List.of(card.id, card.cardNumber, card.idNumber, bank)) {
      assertFalse(theirs.body().asString().contains(secret), "told " + secret);
    }
    Banks.as(stranger).queryParam("state", "BAD").get(PATH, bank).then().statusCode(403);
    for (String role : List.of(Roles.CITIZEN, Roles.CARD_FACTORY, Roles.EMPLOYER)) {
      given()
          .auth()
          .oauth2(DevTokens.shared().token(role, bank))
          .get(PATH, bank)
          .then()
          .statusCode(403)
          .body("rule", equalTo("ACCESS-DENIED"));
    }
    given().get(PATH, bank).then().statusCode(401);
  }

  private static List<String> sorted(String... ids) {
    return List.of(ids).stream().sorted().toList();
  }
}
