package cn.bj.hrss.card.bank.feed;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.Feeds;
import cn.bj.hrss.card.bank.support.TestCard;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A REST reader interrupted mid-feed and resumed misses nothing, and gets again only what it had
 * not acknowledged. CITIC's feed is this test's alone.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class FeedResumeTest {

  private static final String BANK = "CITIC";

  @Test
  void an_interrupted_reader_resumes_after_its_acknowledgement_and_misses_nothing() {
    long before = lastPosition();
    for (int i = 0; i < 4; i++) {
      TestCard.requestedWith(BANK).produced().dispatched().publish(); // 3 messages each
    }
    long last = before + 12;
    await().atMost(Duration.ofSeconds(30)).until(() -> lastPosition() == last);
    ack(before);

    // The reader takes 5, processes 3, acknowledges them, processes the 4th, and crashes.
    List<Long> processed = new ArrayList<>();
    JsonNode page = Feeds.page(BANK, null, 5);
    List<Long> positions = positions(page);
    assertEquals(LongStream.rangeClosed(before + 1, before + 5).boxed().toList(), positions);
    processed.addAll(positions.subList(0, 3));
    ack(positions.get(2));
    processed.add(positions.get(3)); // processed, never acknowledged: the crash

    // Resumed without a position: it reads on from the acknowledged one, page by page.
    while (true) {
      JsonNode next = Feeds.page(BANK, null, 4);
      List<Long> got = positions(next);
      if (got.isEmpty()) {
        break;
      }
      processed.addAll(got);
      ack(got.get(got.size() - 1));
    }
    List<Long> expected =
        new ArrayList<>(LongStream.rangeClosed(before + 1, last).boxed().toList());
    expected.add(4, before + 4); // the one processed before the crash, given again
    assertEquals(expected, processed);
  }

  @Test
  void an_acknowledgement_never_moves_back_nor_beyond_the_last_message() {
    long last = lastPosition() + 1;
    TestCard.requestedWith(BANK).publish();
    await().atMost(Duration.ofSeconds(30)).until(() -> lastPosition() == last);
    ack(last);
    Banks.as(BANK)
        .contentType("application/json")
        .body("{\"upTo\": " + (last + 1) + "}")
        .post("/banks/{bank}/feed/acknowledgements", BANK)
        .then()
        .statusCode(409)
        .body("rule", equalTo("FEED-ACK-AHEAD"));
    ack(0);
    Banks.as(BANK)
        .get("/banks/{bank}/feed", BANK)
        .then()
        .statusCode(200)
        .body("acknowledged", equalTo((int) last))
        .body("from", equalTo((int) last + 1))
        .body("messages.size()", equalTo(0));
  }

  private static long lastPosition() {
    return Feeds.page(BANK, 1L, 1).path("lastPosition").asLong();
  }

  private static void ack(long upTo) {
    Banks.as(BANK)
        .contentType("application/json")
        .body("{\"upTo\": " + upTo + "}")
        .post("/banks/{bank}/feed/acknowledgements", BANK)
        .then()
        .statusCode(200);
  }

  private static List<Long> positions(JsonNode page) {
    List<Long> positions = new ArrayList<>();
    page.path("messages").forEach(m -> positions.add(m.path("position").asLong()));
    return positions;
  }
}
