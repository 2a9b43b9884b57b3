package cn.bj.hrss.card.production.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.production.factory.DeliveryDecision.Applied;
import cn.bj.hrss.card.production.factory.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Refused;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Retry;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.relay.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What application-service's answers mean for a report: exactly once, never lost. */
class DeliveryDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiError ORDER = new ApiError("LIFECYCLE-ORDER", "…", "already PRODUCED");

  private static FactoryReport produced(String reportId, String cardNumber) {
    return new FactoryReport(
        reportId,
        1,
        "ICBC-card-bureau",
        null,
        "card-1",
        "PRODUCED",
        cardNumber,
        null,
        null,
        null,
        null,
        null,
        "PENDING",
        2,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Answer answer(int status, String json) throws Exception {
    return new Answer(status, JSON.readTree(json));
  }

  /** A card view whose history has one CardProduced with the given correlation id. */
  private static Answer producedCard(String correlationId, String cardNumber) throws Exception {
    JsonNode card =
        JSON.readTree(
            "{\"status\":\"PRODUCED\",\"cardNumber\":\""
                + cardNumber
                + "\",\"history\":[{\"sequence\":0,\"eventType\":\"CardRequested\","
                + "\"correlationId\":\"c0\"},{\"sequence\":1,\"eventType\":\"CardProduced\","
                + "\"correlationId\":\""
                + correlationId
                + "\"}]}");
    return new Answer(200, card);
  }

  @Test
  void accepted_is_applied() throws Exception {
    Applied applied =
        assertInstanceOf(
            Applied.class,
            DeliveryDecision.afterCommand(
                produced("r1", "A12345678"), answer(200, "{\"status\":\"PRODUCED\"}")));
    assertEquals("PRODUCED", applied.cardStatus());
  }

  @Test
  void bad_input_and_unknown_card_are_refused_for_good() throws Exception {
    Refused refused =
        assertInstanceOf(
            Refused.class,
            DeliveryDecision.afterCommand(
                produced("r1", "A12345678"),
                answer(404, "{\"rule\":\"CARD-NOT-FOUND\",\"detail\":\"no card\"}")));
    assertEquals("CARD-NOT-FOUND", refused.refusal().rule());
    assertInstanceOf(
        Refused.class,
        DeliveryDecision.afterCommand(
            produced("r1", "A12345678"), answer(400, "{\"rule\":\"INPUT-CARD-NUMBER\"}")));
  }

  @Test
  void server_errors_and_concurrent_updates_are_retried() throws Exception {
    FactoryReport report = produced("r1", "A12345678");
    assertInstanceOf(Retry.class, DeliveryDecision.afterCommand(report, answer(503, "{}")));
    assertInstanceOf(
        Retry.class,
        DeliveryDecision.afterCommand(report, answer(409, "{\"rule\":\"CONCURRENT-UPDATE\"}")));
  }

  @Test
  void a_conflict_is_checked_against_the_card_before_it_is_called_a_refusal() throws Exception {
    assertInstanceOf(
        CheckCard.class,
        DeliveryDecision.afterCommand(
            produced("r1", "A12345678"), answer(409, "{\"rule\":\"LIFECYCLE-ORDER\"}")));
  }

  @Test
  void a_conflict_after_a_lost_answer_is_this_report_already_applied() throws Exception {
    FactoryReport report = produced("r1", "A12345678");
    Applied applied =
        assertInstanceOf(
            Applied.class,
            DeliveryDecision.afterConflict(report, ORDER, producedCard("r1", "A12345678")));
    assertTrue(applied.detail().contains("CardProduced #1"), applied.detail());
  }

  @Test
  void the_same_card_number_recorded_by_another_request_is_a_duplicate() throws Exception {
    assertInstanceOf(
        Duplicate.class,
        DeliveryDecision.afterConflict(
            produced("r2", "A12345678"), ORDER, producedCard("r1", "A12345678")));
  }

  @Test
  void another_card_number_already_recorded_is_a_refusal() throws Exception {
    Refused refused =
        assertInstanceOf(
            Refused.class,
            DeliveryDecision.afterConflict(
                produced("r2", "B00000000"), ORDER, producedCard("r1", "A12345678")));
    assertEquals("LIFECYCLE-ORDER", refused.refusal().rule());
  }

  @Test
  void before_a_resend_the_card_tells_whether_the_lost_attempt_was_applied() throws Exception {
    FactoryReport report = produced("r1", "A12345678");
    assertInstanceOf(
        Applied.class,
        DeliveryDecision.beforeResend(report, producedCard("r1", "A12345678")).orElseThrow());
    assertTrue(DeliveryDecision.beforeResend(report, producedCard("other", "A12345678")).isEmpty());
    assertTrue(DeliveryDecision.beforeResend(report, answer(404, "{}")).isEmpty());
    assertInstanceOf(
        Retry.class, DeliveryDecision.beforeResend(report, answer(502, "{}")).orElseThrow());
  }

  @Test
  void the_backoff_doubles_up_to_its_maximum() {
    assertEquals(1000, DeliveryDecision.backoffMs(1, 1000, 30_000));
    assertEquals(2000, DeliveryDecision.backoffMs(2, 1000, 30_000));
    assertEquals(16_000, DeliveryDecision.backoffMs(5, 1000, 30_000));
    assertEquals(30_000, DeliveryDecision.backoffMs(40, 1000, 30_000));
  }
}
