package cn.bj.hrss.card.application.pickup;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.lists.ListPeople;
import cn.bj.hrss.card.application.security.MovableBusinessDate;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * S-PICKUP-1 through the real REST API: the pickup period as operators' reference data, the pickup
 * sweep reminding once and returning a card nobody collected as the business date moves, never
 * twice; and the card index, kept in the events' transaction, equal to a rebuild from the store.
 */
@QuarkusTest
@TestProfile(MovableBusinessDate.Profile.class)
@WithTestResource(SuiteInfrastructureTestResource.class)
class PickupSweepResourceTest {

  @Inject DataSource dataSource;

  @AfterEach
  void backToToday() {
    MovableBusinessDate.set(null);
  }

  /** A card that arrived at ICBC's Chaoyangmen outlet on {@code day}; returns its id. */
  private static String atTheOutletOn(LocalDate day) {
    MovableBusinessDate.set(day.minusDays(10));
    String holder = ListPeople.person("冯等待", "FLEXIBLE_WORKER", 1979, "", "");
    String card =
        ListPeople.applied(Callers.citizen(holder), ListPeople.application(holder, "冯等待"));
    ListPeople.produced(card);
    MovableBusinessDate.set(day);
    ListPeople.dispatchedToTheOutlet(card);
    return card;
  }

  private static List<String> eventTypes(String card) {
    return Callers.operator().get("/cards/{id}", card).then().extract().path("history.eventType");
  }

  private static void sweep() {
    Callers.operator().post("/pickup-sweep").then().statusCode(200);
  }

  @Test
  void the_sweep_reminds_once_then_returns_an_uncollected_card_after_its_pickup_period() {
    LocalDate arrived = LocalDate.of(2026, 9, 1);
    String card = atTheOutletOn(arrived);
    Callers.operator()
        .get("/pickup-period")
        .then()
        .statusCode(200)
        .body("days", equalTo(90))
        .body("reminderDaysBefore", equalTo(10));
    int before = eventTypes(card).size();

    MovableBusinessDate.set(arrived.plusDays(79));
    sweep();
    assertEquals(before, eventTypes(card).size(), "not reminded before the reminder day");

    MovableBusinessDate.set(arrived.plusDays(80));
    sweep();
    sweep();
    List<String> reminded = eventTypes(card);
    assertEquals("PickupPeriodEnding", reminded.get(reminded.size() - 1));
    assertEquals(before + 1, reminded.size(), "reminded once, however often the sweep runs");

    MovableBusinessDate.set(arrived.plusDays(90));
    sweep();
    assertEquals(before + 1, eventTypes(card).size(), "the period's last day: still waiting");

    MovableBusinessDate.set(arrived.plusDays(91));
    sweep();
    sweep();
    List<String> returned = eventTypes(card);
    assertEquals("UncollectedCardReturned", returned.get(returned.size() - 1));
    assertEquals(before + 2, returned.size(), "returned once");
    Callers.operator()
        .get("/cards/{id}", card)
        .then()
        .body("status", equalTo("RETURNED_TO_BANK"))
        .body("history[-1].actorRole", equalTo("SYSTEM"))
        .body("history[-1].actorId", equalTo("pickup-sweep"));
  }

  @Test
  void operators_set_the_pickup_period_and_others_are_refused() {
    try {
      Callers.operator()
          .body("{\"days\": 30, \"reminderDaysBefore\": 5}")
          .put("/pickup-period")
          .then()
          .statusCode(200)
          .body("days", equalTo(30))
          .body("updatedBy", equalTo("op-1"));
      Callers.operator()
          .body("{\"days\": 30, \"reminderDaysBefore\": 30}")
          .put("/pickup-period")
          .then()
          .statusCode(400)
          .body("rule", equalTo("S-PICKUP-1"))
          .body("field", equalTo("reminderDaysBefore"));
      for (var caller :
          List.of(
              Callers.as("BANK", "ICBC", "BANK_OUTLET"),
              Callers.citizen(ListPeople.person("褚路人", "FLEXIBLE_WORKER", 1978, "", "")))) {
        caller
            .body("{\"days\": 1, \"reminderDaysBefore\": 0}")
            .put("/pickup-period")
            .then()
            .statusCode(403)
            .body("rule", equalTo("ACCESS-DENIED"));
        caller.post("/pickup-sweep").then().statusCode(403).body("rule", equalTo("ACCESS-DENIED"));
        caller
            .post("/card-index/rebuild")
            .then()
            .statusCode(403)
            .body("rule", equalTo("ACCESS-DENIED"));
      }
      Callers.operator().get("/pickup-period").then().body("days", equalTo(30));
    } finally {
      Callers.operator()
          .body("{\"days\": 90, \"reminderDaysBefore\": 10}")
          .put("/pickup-period")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void the_live_card_index_equals_its_rebuild_from_the_event_store() {
    Callers.operator().post("/card-index/rebuild").then().statusCode(200);
    LocalDate arrived = LocalDate.of(2026, 8, 3);
    String waiting = atTheOutletOn(arrived);
    String reminded = atTheOutletOn(arrived);
    MovableBusinessDate.set(arrived.plusDays(85));
    sweep();
    String returned = atTheOutletOn(arrived.minusDays(100));
    MovableBusinessDate.set(arrived.plusDays(1));
    sweep();
    List<String> live = indexRows();
    assertEquals(true, live.stream().anyMatch(row -> row.startsWith(returned + "|")));

    MovableBusinessDate.set(arrived.plusDays(300)); // a rebuild reads the events, not the clock
    Callers.operator().post("/card-index/rebuild").then().statusCode(200);

    assertEquals(live, indexRows());
    String row = live.stream().filter(r -> r.startsWith(waiting + "|")).findFirst().orElseThrow();
    assertEquals(true, row.contains("|" + arrived + "|"), row);
    assertEquals(true, indexRows().stream().anyMatch(r -> r.startsWith(reminded + "|")));
  }

  /** Every row of the card index, every column, in card id order. */
  private List<String> indexRows() {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM card_index ORDER BY card_id")) {
      ResultSetMetaData columns = r.getMetaData();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          row.append(r.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
