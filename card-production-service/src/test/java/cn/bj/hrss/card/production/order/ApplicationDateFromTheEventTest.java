package cn.bj.hrss.card.production.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CardRequested v2 carries the application date decided by application-service; the order's
 * deadline counts from it, not from the day the event happened to be recorded (they differ when the
 * suite runs on a fixed business date, SUITE_BUSINESS_DATE).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ApplicationDateFromTheEventTest {

  @Test
  void the_deadline_counts_from_the_events_application_date() {
    String cardId = UUID.randomUUID().toString();
    // The golden v2 sample (applicationDate 2025-03-03, online), recorded on another day.
    String json =
        new String(
                GoldenSamples.jsonForCard(EventTypes.require(CardRequested.class), cardId),
                StandardCharsets.UTF_8)
            .replace("2025-03-03T01:15:30Z", "2026-06-15T02:00:00Z")
            .replace("\"ICBC\"", "\"" + CardEvents.newBank() + "\"");
    new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
        .send(Topics.CARD_LIFECYCLE, cardId, List.of(json.getBytes(StandardCharsets.UTF_8)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", cardId)
                    .then()
                    .statusCode(200)
                    .body("applicationDate", equalTo("2025-03-03"))
                    .body("dueDate", equalTo("2025-04-02"))
                    .body("deadlineRule", equalTo("R-SLA-1")));
  }
}
