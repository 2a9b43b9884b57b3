package cn.bj.hrss.card.production.order;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The projection, rebuilt from the card topic into a copy and switched over, comes out identical,
 * row by row, and the live consumer carries on from where the replay stopped.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ProjectionRebuildTest {

  @Inject DataSource dataSource;

  private List<String> rows(String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet row =
            connection
                .createStatement()
                .executeQuery("SELECT * FROM " + table + " ORDER BY card_id")) {
      ResultSetMetaData columns = row.getMetaData();
      while (row.next()) {
        StringBuilder text = new StringBuilder();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
          text.append(columns.getColumnName(c)).append('=').append(row.getString(c)).append(' ');
        }
        rows.add(text.toString());
      }
    }
    return rows;
  }

  private List<String> projection() throws SQLException {
    List<String> all = new ArrayList<>(rows("production_order"));
    all.addAll(rows("card_event_position"));
    return all;
  }

  @Test
  void a_rebuild_from_the_topic_gives_the_same_rows() throws Exception {
    String bank = CardEvents.newBank();
    String produced = UUID.randomUUID().toString();
    String failed = UUID.randomUUID().toString();
    CardEvents.requestedByMail(produced, bank, "BANK_OUTLET", "2025-01-24T02:00:00Z");
    CardEvents.produced(produced, 1, "2025-02-05T03:00:00Z", "R00000001");
    CardEvents.requestedByMail(failed, bank, "BUREAU_WEBSITE", "2026-12-15T02:00:00Z");
    CardEvents.productionFailed(failed, 1, "2026-12-20T02:00:00Z");
    // Issue 18: a change to another bank's outlet (its factories), and a withdrawal.
    String changed = UUID.randomUUID().toString();
    CardEvents.publishTogether(
        changed,
        CardEvents.requestedByMailJsonOf(changed, bank, "BUREAU_WEBSITE", "2025-02-10T02:00:00Z"),
        CardEvents.applicationChanged(changed, 1, "2025-02-11T02:00:00Z", bank, "ICBC", "朝阳门"));
    String withdrawn = UUID.randomUUID().toString();
    CardEvents.publishTogether(
        withdrawn,
        CardEvents.requestedByMailJsonOf(withdrawn, bank, "BUREAU_WEBSITE", "2025-02-10T02:00:00Z"),
        CardEvents.withdrawn(withdrawn, 1, "2025-02-11T02:00:00Z"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .queryParam("bankCode", bank)
                    .get("/production-orders/summary")
                    .then()
                    .body("totals.byStatus.PRODUCED", org.hamcrest.Matchers.equalTo(1))
                    .body("totals.byStatus.PRODUCTION_FAILED", org.hamcrest.Matchers.equalTo(1))
                    .body("totals.byStatus.WITHDRAWN", org.hamcrest.Matchers.equalTo(1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", changed)
                    .then()
                    .body("bankCode", equalTo("ICBC")));
    // Whatever other tests sent has been applied once the projection stops changing.
    List<String> before = projection();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ofSeconds(2))
        .until(
            () -> {
              List<String> now = projection();
              boolean settled = now.equals(before);
              before.clear();
              before.addAll(now);
              return settled;
            });

    TestCallers.operator()
        .post("/projection/rebuild")
        .then()
        .statusCode(202)
        .body("state", equalTo("COPYING"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                List.of("DONE", "FAILED")
                    .contains(TestCallers.operator().get("/projection/rebuild").path("state")));

    TestCallers.operator()
        .get("/projection/rebuild")
        .then()
        .body("state", equalTo("DONE"))
        .body("identical", equalTo(true))
        .body("comparedWithPrevious.production_order.onlyRebuilt", equalTo(0))
        .body("comparedWithPrevious.production_order.onlyPrevious", equalTo(0))
        .body("eventsApplied", greaterThanOrEqualTo(4));
    // The rebuilt tables are the live ones now, and hold the same rows.
    assertEquals(before, projection());
    // The live consumer took over where the replay stopped: a new event is applied.
    String later = UUID.randomUUID().toString();
    CardEvents.requestedByMail(later, bank, "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", later)
                    .then()
                    .statusCode(200));
  }

  private static void rebuildAndWait(String from) {
    (from == null ? TestCallers.operator() : TestCallers.operator().queryParam("from", from))
        .post("/projection/rebuild")
        .then()
        .statusCode(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                List.of("DONE", "FAILED")
                    .contains(TestCallers.operator().get("/projection/rebuild").path("state")));
    TestCallers.operator().get("/projection/rebuild").then().body("state", equalTo("DONE"));
  }

  private void spoil(String cardId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection
          .createStatement()
          .executeUpdate(
              "UPDATE production_order SET tracking_number = 'SPOILT' WHERE card_id = '"
                  + cardId
                  + "'");
    }
  }

  private static String trackingNumber(String cardId) {
    return TestCallers.operator().get("/production-orders/{id}", cardId).path("trackingNumber");
  }

  /**
   * From a point in time: the cards with events since then are rebuilt from their whole history,
   * the others carried over as they stand. A row spoilt in the live projection (as a bug would)
   * stays spoilt for a card without events since then, and is mended for a card with one; a rebuild
   * from the start mends both.
   */
  @Test
  void a_rebuild_from_a_point_in_time_rebuilds_the_cards_changed_since() throws Exception {
    String bank = CardEvents.newBank();
    String before = UUID.randomUUID().toString();
    String since = UUID.randomUUID().toString();
    CardEvents.requestedByMail(before, bank, "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");
    CardEvents.requestedByMail(since, bank, "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", since)
                    .then()
                    .statusCode(200));
    Thread.sleep(50);
    String from = java.time.Instant.now().toString();
    Thread.sleep(50);
    CardEvents.produced(since, 1, "2025-03-10T02:00:00Z", "R00000002");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                TestCallers.operator()
                    .get("/production-orders/{id}", since)
                    .then()
                    .body("status", equalTo("PRODUCED")));
    spoil(before);
    spoil(since);

    TestCallers.operator()
        .queryParam("from", "yesterday")
        .post("/projection/rebuild")
        .then()
        .statusCode(400);
    rebuildAndWait(from);

    TestCallers.operator()
        .get("/projection/rebuild")
        .then()
        .body("from", equalTo(from))
        .body("cardsRebuilt", greaterThanOrEqualTo(1))
        .body("cardsCarriedOver", greaterThanOrEqualTo(1))
        .body("identical", equalTo(false))
        .body("comparedWithPrevious.production_order.onlyRebuilt", greaterThanOrEqualTo(1));
    assertEquals("SPOILT", trackingNumber(before));
    assertEquals(null, trackingNumber(since));
    TestCallers.operator()
        .get("/production-orders/{id}", since)
        .then()
        .body("status", equalTo("PRODUCED"));

    rebuildAndWait(null);
    assertEquals(null, trackingNumber(before));
  }
}
