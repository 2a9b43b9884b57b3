package cn.bj.hrss.card.bank.feed;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.bank.support.Banks;
import cn.bj.hrss.card.bank.support.TestCard;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The bank cards rebuilt from the card topic into a copy come out identical, and the rebuild adds
 * nothing to any bank's feed: its replay gives no bank a message twice.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class ProjectionRebuildTest {

  @Inject DataSource dataSource;

  @Test
  void a_rebuild_gives_identical_cards_and_leaves_every_feed_as_it_was() throws Exception {
    TestCard moved = TestCard.requestedWith("BOC").produced().dispatched().collected();
    moved.movedTo("ICBC").reportedLost().publish();
    TestCard.requestedWith("CCB").produced().dispatched().delivered().enabled().publish();
    // Issue 18: an application moved to another bank, a failed mail waiting past its period.
    TestCard.requestedWith("BOC").applicationMovedTo("CCB").publish();
    TestCard returned = TestCard.requestedWith("ICBC").produced().dispatched();
    returned
        .mailReturnedTo("ICBC 东城网点")
        .pickupPeriodEnding("ICBC 东城网点", "2025-11-03", "2026-02-01")
        .uncollectedReturned("ICBC 东城网点", "2025-11-03", "2026-02-01")
        .publish();
    awaitReplayed();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> Banks.as("ICBC").get("/banks/ICBC/cards/{id}", moved.id).then().statusCode(200));
    List<Map<String, Object>> cards = rows("SELECT * FROM bank_card ORDER BY card_id");
    List<Map<String, Object>> feed = rows("SELECT * FROM bank_feed_message ORDER BY id");
    List<Map<String, Object>> banks = rows("SELECT * FROM bank_feed ORDER BY bank_code");
    List<Map<String, Object>> pickups = rows("SELECT * FROM bank_pickup ORDER BY card_id");

    Banks.asOperator().post("/projection/rebuild").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                List.of("DONE", "FAILED")
                    .contains(Banks.asOperator().get("/projection/rebuild").path("state")));
    Banks.asOperator()
        .get("/projection/rebuild")
        .then()
        .body("state", equalTo("DONE"))
        .body("identical", equalTo(true))
        .body("comparedWithPrevious.bank_card.rows", greaterThanOrEqualTo(2))
        .body("comparedWithPrevious.bank_pickup.rows", greaterThanOrEqualTo(1));
    awaitReplayed();

    assertTrue(cards.size() >= 2);
    // published_at included: nothing was sent to a bank's topic again.
    assertTrue(cards.equals(rows("SELECT * FROM bank_card ORDER BY card_id")), "cards differ");
    assertTrue(feed.equals(rows("SELECT * FROM bank_feed_message ORDER BY id")), "feeds differ");
    assertEquals(banks, rows("SELECT * FROM bank_feed ORDER BY bank_code"));
    assertTrue(pickups.stream().anyMatch(p -> returned.id.equals(p.get("card_id"))));
    assertEquals(pickups, rows("SELECT * FROM bank_pickup ORDER BY card_id"));
  }

  /** The card topic applied, and every feed message on its bank's topic. */
  private static void awaitReplayed() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Banks.asOperator().get("/projection/summary").jsonPath().getLong("lag") == 0
                    && Banks.asOperator()
                        .get("/bank-feeds")
                        .jsonPath()
                        .getList("unpublished", Integer.class)
                        .stream()
                        .allMatch(n -> n == 0));
  }

  private List<Map<String, Object>> rows(String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      ResultSetMetaData meta = row.getMetaData();
      while (row.next()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.put(meta.getColumnName(i), row.getObject(i));
        }
        rows.add(values);
      }
    }
    return rows;
  }
}
