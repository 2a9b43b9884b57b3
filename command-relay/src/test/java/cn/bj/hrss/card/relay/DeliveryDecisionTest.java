package cn.bj.hrss.card.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.relay.DeliveryDecision.Applied;
import cn.bj.hrss.card.relay.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.relay.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.relay.DeliveryDecision.Refused;
import cn.bj.hrss.card.relay.DeliveryDecision.Retry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * What application-service's answers mean for a report of any kind (ADR 25): applied once whatever
 * answers were lost, a duplicate when the card already shows the fact, a refusal with its rule.
 */
class DeliveryDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A report of a kind whose event is CardCollected, shown by a card whose "shown" is true. */
  private record Report(String reportId, int attempts) implements StoredReport {}

  private static final ReportPolicy<Report> POLICY =
      new ReportPolicy<>() {
        @Override
        public String cardId(Report report) {
          return "card-1";
        }

        @Override
        public String commandPath(Report report) {
          return "collection";
        }

        @Override
        public String eventType(Report report) {
          return "CardCollected";
        }

        @Override
        public Caller caller(Report report) {
          return new Caller("BANK", "ICBC", "BANK_OUTLET", report.reportId());
        }

        @Override
        public ObjectNode body(Report report) {
          return CommandClient.newBody();
        }

        @Override
        public boolean alreadyShows(Report report, JsonNode card) {
          return card.path("shown").asBoolean();
        }
      };

  private static final Report REPORT = new Report("r-1", 2);
  private static final Refused ORDER = new Refused("LIFECYCLE-ORDER", "不能办理。", "no");

  /** A card's view: status COLLECTED, its "shown", and events with their correlation ids. */
  private static Answer card(boolean shown, String... eventsAndCorrelations) {
    ObjectNode card = JSON.createObjectNode().put("status", "COLLECTED").put("shown", shown);
    var history = card.putArray("history");
    for (int i = 0; i < eventsAndCorrelations.length; i += 2) {
      history
          .addObject()
          .put("sequence", i / 2)
          .put("eventType", eventsAndCorrelations[i])
          .put("correlationId", eventsAndCorrelations[i + 1]);
    }
    return new Answer(200, card);
  }

  private static Answer answer(int status, String rule) {
    ObjectNode body = JSON.createObjectNode();
    if (rule != null) {
      body.put("rule", rule).put("message", "不能办理。").put("detail", "in English");
    }
    return new Answer(status, body);
  }

  @Test
  void an_accepted_command_is_applied_with_the_cards_status() {
    Answer accepted = new Answer(200, JSON.createObjectNode().put("status", "COLLECTED"));
    Applied applied = assertInstanceOf(Applied.class, DeliveryDecision.afterCommand(accepted));
    assertEquals("COLLECTED", applied.cardStatus());
  }

  @Test
  void a_400_and_a_409_are_checked_against_the_card_before_they_are_called_a_refusal() {
    CheckCard conflict =
        assertInstanceOf(CheckCard.class, DeliveryDecision.afterCommand(answer(409, "R-PICK-3")));
    assertEquals(new Refused("R-PICK-3", "不能办理。", "in English"), conflict.refusal());
    // R-BANK-6: a second bank change to the same bank is a 400, and may be this report's own
    // earlier attempt, applied meanwhile.
    CheckCard badInput =
        assertInstanceOf(CheckCard.class, DeliveryDecision.afterCommand(answer(400, "R-BANK-6")));
    assertEquals("R-BANK-6", badInput.refusal().rule());
  }

  @Test
  void an_unknown_card_or_a_caller_who_may_not_act_is_refused_for_good_with_its_rule() {
    Refused notThere =
        assertInstanceOf(
            Refused.class, DeliveryDecision.afterCommand(answer(404, "CARD-NOT-FOUND")));
    assertEquals("CARD-NOT-FOUND", notThere.rule());
    assertInstanceOf(Refused.class, DeliveryDecision.afterCommand(answer(403, "ACCESS-DENIED")));
    Refused noRule =
        assertInstanceOf(Refused.class, DeliveryDecision.afterCommand(answer(410, null)));
    assertEquals("HTTP-410", noRule.rule());
  }

  @Test
  void a_server_error_a_timeout_too_many_requests_or_a_concurrent_update_is_tried_again() {
    for (int status : new int[] {500, 502, 503, 408, 429}) {
      assertInstanceOf(Retry.class, DeliveryDecision.afterCommand(answer(status, "X")));
    }
    assertInstanceOf(Retry.class, DeliveryDecision.afterCommand(answer(409, "CONCURRENT-UPDATE")));
  }

  @Test
  void after_a_refusal_the_report_is_applied_if_the_cards_history_names_it() {
    Applied applied =
        assertInstanceOf(
            Applied.class,
            DeliveryDecision.afterRefusal(
                POLICY, REPORT, ORDER, card(false, "CardDispatched", "x", "CardCollected", "r-1")));
    assertEquals("recorded as CardCollected #1", applied.detail());
    assertEquals("COLLECTED", applied.cardStatus());
  }

  @Test
  void after_a_refusal_the_report_is_a_duplicate_if_the_card_already_shows_its_fact() {
    Duplicate duplicate =
        assertInstanceOf(
            Duplicate.class,
            DeliveryDecision.afterRefusal(
                POLICY, REPORT, ORDER, card(true, "CardCollected", "another")));
    assertTrue(duplicate.detail().contains("CardCollected"), duplicate.detail());
  }

  @Test
  void after_a_refusal_the_report_is_refused_with_the_rule_if_the_card_does_not_show_it() {
    assertEquals(
        ORDER,
        DeliveryDecision.afterRefusal(POLICY, REPORT, ORDER, card(false, "CardCollected", "x")));
    assertEquals(ORDER, DeliveryDecision.afterRefusal(POLICY, REPORT, ORDER, answer(404, null)));
    assertInstanceOf(
        Retry.class, DeliveryDecision.afterRefusal(POLICY, REPORT, ORDER, answer(503, null)));
  }

  @Test
  void before_a_resend_the_card_tells_whether_the_lost_attempt_was_applied() {
    assertInstanceOf(
        Applied.class,
        DeliveryDecision.beforeResend(POLICY, REPORT, card(false, "CardCollected", "r-1"))
            .orElseThrow());
    // another request's event of the same type is not this report's: it must be sent
    assertTrue(
        DeliveryDecision.beforeResend(POLICY, REPORT, card(true, "CardCollected", "x")).isEmpty());
    assertTrue(DeliveryDecision.beforeResend(POLICY, REPORT, answer(404, null)).isEmpty());
    assertInstanceOf(
        Retry.class,
        DeliveryDecision.beforeResend(POLICY, REPORT, answer(502, null)).orElseThrow());
  }

  @Test
  void the_backoff_doubles_up_to_its_maximum() {
    assertEquals(1000, ReportRelay.backoffMs(1, 1000, 30_000));
    assertEquals(2000, ReportRelay.backoffMs(2, 1000, 30_000));
    assertEquals(4000, ReportRelay.backoffMs(3, 1000, 30_000));
    assertEquals(16_000, ReportRelay.backoffMs(5, 1000, 30_000));
    assertEquals(30_000, ReportRelay.backoffMs(40, 1000, 30_000));
  }
}
