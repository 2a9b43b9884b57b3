package cn.bj.hrss.card.bank.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.Feeds;
import cn.bj.hrss.card.bank.support.TestCard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The measure of issue 5: three banks in one run (and a fourth receiving a retiree's card,
 * R-BANK-6, and a replacement, R-LOSS-1). Each bank's Kafka topic and REST feed hold exactly its
 * own cards' messages, in the card's order, and nothing of the other banks' cards.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class FeedIsolationTest {

  private static final List<String> BANKS = List.of("ICBC", "CCB", "BOC");

  @Test
  void each_bank_receives_exactly_its_own_cards_in_order_over_kafka_and_rest() {
    TestCard icbcOutlet =
        TestCard.requestedWith("ICBC").produced().dispatched().collected().enabled();
    icbcOutlet.financialActivated().reportedLost().lossCancelled().publish();
    TestCard icbcReplaced =
        TestCard.requestedWith("ICBC").produced().dispatched().collected().reportedLost();
    TestCard replacement = icbcReplaced.replacement().publish();
    icbcReplaced.replacedBy(replacement).publish();
    TestCard ccb = TestCard.requestedWith("CCB").produced().dispatched().delivered().publish();
    TestCard ccbPending = TestCard.requestedWith("CCB").publish();
    // A retiree moves a BOC card to CCB (R-BANK-6): BOC's last message, then CCB's.
    TestCard retiree = TestCard.requestedWith("BOC").produced().dispatched().collected().enabled();
    retiree.movedTo("CCB").reportedLost().publish();
    TestCard boc = TestCard.requestedWith("BOC").produced().publish();
    List<TestCard> cards =
        List.of(icbcOutlet, icbcReplaced, replacement, ccb, ccbPending, retiree, boc);

    for (String bank : BANKS) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertHoldsExactlyItsOwn(bank, Feeds.topic(bank), cards));
      assertHoldsExactlyItsOwn(bank, Feeds.rest(bank), cards);
    }
  }

  private static void assertHoldsExactlyItsOwn(
      String bank, List<BankMessage> feed, List<TestCard> cards) {
    assertTrue(
        feed.stream().allMatch(m -> m.bankCode().equals(bank)),
        bank + "'s feed holds a message for another bank");
    Set<String> ours = cards.stream().map(c -> c.id).collect(Collectors.toSet());
    for (TestCard card : cards) {
      assertEquals(
          card.expectedFor(bank),
          Feeds.typesOf(feed, card.id),
          bank + "'s messages of card " + card.id);
    }
    // In the card's order, and no other bank's card among ours, even as an identifier.
    List<BankMessage> mine = feed.stream().filter(m -> ours.contains(m.cardId())).toList();
    for (TestCard card : cards) {
      List<Long> sequences =
          mine.stream()
              .filter(m -> m.cardId().equals(card.id))
              .map(BankMessage::cardSequence)
              .toList();
      assertEquals(sequences.stream().sorted().toList(), sequences, "order of " + card.id);
    }
    String everything =
        feed.stream().map(BankMessageCodec::encode).collect(Collectors.joining("\n"));
    for (TestCard card : cards) {
      if (card.expectedFor(bank).isEmpty()) {
        for (String secret : List.of(card.id, card.idNumber, card.mobile, card.cardNumber)) {
          assertTrue(!everything.contains(secret), bank + " sees a value of another bank's card");
        }
      }
    }
  }

  @Test
  void a_bank_reading_another_banks_feed_is_answered_as_for_nothing() {
    TestCard card = TestCard.requestedWith("ICBC").publish();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Feeds.typesOf(Feeds.rest("ICBC"), card.id).size() == 1);
    String otherBanksFeed =
        Banks.as("CCB").get("/banks/ICBC/feed").then().statusCode(404).extract().asString();
    String otherBanksCard =
        Banks.as("CCB")
            .get("/banks/ICBC/cards/{id}", card.id)
            .then()
            .statusCode(404)
            .extract()
            .asString();
    String ownPathOtherCard =
        Banks.as("CCB")
            .get("/banks/CCB/cards/{id}", card.id)
            .then()
            .statusCode(404)
            .extract()
            .asString();
    assertEquals(1, Stream.of(otherBanksFeed, otherBanksCard, ownPathOtherCard).distinct().count());
    Function<String, Integer> status =
        path -> Banks.as("CCB").get(path).then().extract().statusCode();
    assertEquals(404, status.apply("/banks/ICBC/feed/status"));
  }
}
