package cn.bj.hrss.card.production.kafka;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.GoldenEvents;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dead letters through REST: a stray record parks its card; discard it, re-drive, go on. */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class DeadLetterEndpointsTest {

  @Test
  void a_card_behind_a_stray_record_is_listed_and_applies_once_the_record_is_discarded() {
    String cardId = UUID.randomUUID().toString();
    new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
        .send(
            Topics.CARD_LIFECYCLE,
            cardId,
            List.of("Wang Xiaoming 11010519491231002X".getBytes(StandardCharsets.UTF_8)));
    GoldenEvents.publish(cardId, CardRequested.class);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/dead-letters?cardId={id}", cardId)
                    .then()
                    .body("$", hasSize(2)));
    JsonPath listed =
        TestCallers.operator().get("/dead-letters?cardId={id}", cardId).then().extract().jsonPath();
    TestCallers.operator()
        .get("/dead-letters?cardId={id}", cardId)
        .then()
        .statusCode(200)
        .body("[0].reason", equalTo("unreadable: not JSON"))
        .body("[0].sourceTopic", equalTo(Topics.CARD_LIFECYCLE))
        .body("[1].reason", equalTo(DeadLetters.BEHIND))
        .body("[1].eventType", equalTo("CardRequested"))
        .body("[1].sequence", equalTo(0));
    TestCallers.operator().get("/production-orders/{id}", cardId).then().statusCode(404);

    // Re-driven as it is, the stray record still cannot be read: the card stays parked.
    TestCallers.operator()
        .post("/dead-letters/redrive?cardId={id}", cardId)
        .then()
        .statusCode(200)
        .body("[0].parked", equalTo(true))
        .body("[0].applied", equalTo(0))
        .body("[0].reason", equalTo("unreadable: not JSON"));

    TestCallers.operator()
        .post(
            "/dead-letters/{partition}/{offset}/discard",
            listed.getInt("[0].partition"),
            listed.getLong("[0].offset"))
        .then()
        .statusCode(204);
    TestCallers.operator()
        .post("/dead-letters/redrive?cardId={id}", cardId)
        .then()
        .statusCode(200)
        .body("[0].parked", equalTo(false))
        .body("[0].applied", equalTo(1));

    TestCallers.operator()
        .get("/production-orders/{id}", cardId)
        .then()
        .body("status", equalTo("ORDERED"));
    TestCallers.operator().get("/dead-letters?cardId={id}", cardId).then().body("$", hasSize(0));
    TestCallers.operator()
        .get("/dead-letters?cardId={id}&all=true", cardId)
        .then()
        .body("$", hasSize(2));
  }
}
