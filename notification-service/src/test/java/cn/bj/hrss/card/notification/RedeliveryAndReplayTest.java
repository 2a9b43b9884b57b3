package cn.bj.hrss.card.notification;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.notification.support.Listing;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import cn.bj.hrss.card.notification.support.TestCard;
import cn.bj.hrss.card.notification.support.Wire;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Sent once: the gateway sees each message once after a redelivery and after a rebuild from the
 * start of the topic into a copy.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
@WithTestResource(SmsGatewayTestResource.class)
class RedeliveryAndReplayTest {

  @Inject DataSource dataSource;

  @Test
  void after_a_redelivery_the_wire_saw_each_message_exactly_once() {
    TestCard card = TestCard.fresh();
    card.publish(
        card.requested(),
        card.produced(),
        card.dispatchedToOutlet("工商银行北京朝阳门支行"),
        card.collected(),
        card.enabled());
    List<String> sent = Listing.awaitWire(card.mobile, 3);

    card.publish(card.requested(), card.dispatchedToOutlet("工商银行北京朝阳门支行"), card.enabled());
    TestCard marker = card.next();
    marker.publish(marker.requested());
    Listing.awaitWire(marker.mobile, 1);

    assertEquals(sent, Wire.textsReceivedBy(card.mobile));
    assertEquals(3, Wire.requestsFor(card.mobile).size());
  }

  /** A rebuild into a copy, switched over; returns whether it found the projection identical. */
  private static boolean rebuild() {
    TestCallers.operator().post("/projection/rebuild").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                List.of("DONE", "FAILED")
                    .contains(TestCallers.operator().get("/projection/rebuild").path("state")));
    TestCallers.operator()
        .get("/projection/rebuild")
        .then()
        .body("state", equalTo("DONE"))
        .body("comparedWithPrevious.sms_message.rows", greaterThan(0));
    return TestCallers.operator().get("/projection/rebuild").path("identical");
  }

  @Test
  void a_full_replay_rebuilds_the_same_projection_and_sends_nothing_old() {
    TestCard card = TestCard.fresh();
    card.publish(
        card.requested(),
        card.produced(),
        card.dispatchedToOutlet("工商银行 www.icbc-card.top 支行"),
        card.collected(),
        card.enabled());
    Listing.awaitStatuses(card.id, "DELIVERED", "BLOCKED", "DELIVERED");
    String before = Listing.raw(card.id);
    List<String> wireBefore = Wire.textsReceivedBy(card.mobile);

    // Other tests change the catalogue, so only this card's rows are compared here (the suite's
    // end-to-end test checks that a whole rebuild comes out identical).
    rebuild();
    assertEquals(before, Listing.raw(card.id));

    card.publish(card.oldCardInvalidated(), card.financialActivated("工商银行北京朝阳门支行"));
    Listing.awaitStatuses(card.id, "DELIVERED", "BLOCKED", "DELIVERED", "DELIVERED");
    List<String> expected = new ArrayList<>(wireBefore);
    expected.add("【工商银行】您的第三代社会保障卡金融功能已在工商银行北京朝阳门支行激活。");
    assertEquals(expected, Wire.textsReceivedBy(card.mobile));
    assertEquals(3, Wire.requestsFor(card.mobile).size());
  }

  /**
   * Issue 18's events rebuild the same messages, contacts and mobile changes: the mobile's change,
   * a proxy collection and a cancelled card come out as the live projection has them, and the
   * rebuild sends nothing (the cancelled message stays cancelled).
   */
  @Test
  void issue_18s_events_rebuild_the_same_projection_and_send_nothing() {
    TestCard card = TestCard.fresh();
    String newMobile = TestCard.randomMobile();
    card.publish(
        card.requested(),
        card.golden(ApplicationChanged.class, 1),
        card.mobileChanged(2, MobileNumberChanged.HOLDER, newMobile),
        card.golden(CardDispatched.class, 3),
        card.collectedByProxy(4, "王*明", "SQ2025031400012"));
    TestCard cancelled = card.next();
    Wire.failNext(cancelled.mobile, 1000, "UNAVAILABLE");
    cancelled.publish(cancelled.requested(), cancelled.golden(CardCancelled.class, 1));
    Listing.awaitStatuses(card.id, "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED");
    Listing.awaitStatuses(cancelled.id, "CANCELLED");
    String before = Listing.raw(card.id);
    String cancelledBefore = Listing.raw(cancelled.id);
    List<String> oldWire = Wire.textsReceivedBy(card.mobile);
    List<String> newWire = Wire.textsReceivedBy(newMobile);

    rebuild();

    assertEquals(before, Listing.raw(card.id));
    assertEquals(cancelledBefore, Listing.raw(cancelled.id));
    TestCard marker = cancelled.next();
    marker.publish(marker.requested());
    Listing.awaitWire(marker.mobile, 1);
    assertEquals(oldWire, Wire.textsReceivedBy(card.mobile));
    assertEquals(newWire, Wire.textsReceivedBy(newMobile));
    assertEquals(List.of(), Wire.textsReceivedBy(cancelled.mobile));
  }

  @Test
  void a_replay_after_the_catalogue_grew_records_old_events_as_not_sent() throws Exception {
    TestCard old = TestCard.fresh();
    old.publish(old.requested(), old.produced());
    Listing.awaitStatuses(old.id, "DELIVERED");
    sql(
        "INSERT INTO sms_template (code, trigger, signer, body, description) VALUES"
            + " ('TEST_PRODUCED', 'CardProduced', 'HRSS', '您的社会保障卡已制作完成。', 'test only')");
    try {
      assertFalse(rebuild(), "the new template gives a message the live projection lacks");
      Listing.awaitStatuses(old.id, "DELIVERED", "NOT_SENT_REPLAY");

      TestCard live = old.next();
      live.publish(live.requested(), live.produced());
      Listing.awaitStatuses(live.id, "DELIVERED", "DELIVERED");
      assertEquals(1, Wire.textsReceivedBy(old.mobile).size());
    } finally {
      sql("DELETE FROM sms_template WHERE code = 'TEST_PRODUCED'");
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.createStatement().execute(statement);
    }
  }
}
