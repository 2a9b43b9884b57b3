package cn.bj.hrss.card.notification.support;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.notification.TestCallers;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;

/** A card's messages as GET /notifications/cards/{id} lists them. */
public final class Listing {

  private Listing() {}

  public static JsonPath of(String cardId) {
    return TestCallers.operator()
        .get("/notifications/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public static String raw(String cardId) {
    return TestCallers.operator()
        .get("/notifications/cards/{id}", cardId)
        .then()
        .extract()
        .asString();
  }

  /** Waits until the card's messages have exactly these statuses, in order. */
  public static JsonPath awaitStatuses(String cardId, String... statuses) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/notifications/cards/{id}", cardId)
                    .then()
                    .body("status", equalTo(List.of(statuses))));
    return of(cardId);
  }

  /** Waits until the gateway accepted exactly {@code count} messages for {@code mobile}. */
  public static List<String> awaitWire(String mobile, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Wire.textsReceivedBy(mobile).size() == count);
    return Wire.textsReceivedBy(mobile);
  }
}
