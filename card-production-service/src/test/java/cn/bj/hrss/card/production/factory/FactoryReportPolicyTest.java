package cn.bj.hrss.card.production.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import cn.bj.hrss.card.relay.Answer;
import cn.bj.hrss.card.relay.DeliveryDecision;
import cn.bj.hrss.card.relay.DeliveryDecision.Applied;
import cn.bj.hrss.card.relay.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.relay.DeliveryDecision.Outcome;
import cn.bj.hrss.card.relay.DeliveryDecision.Refused;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The factory's reports in command-relay's one delivery (ADR 25): the command each kind becomes,
 * and when the card already shows a report's fact. What answers mean is command-relay's
 * DeliveryDecisionTest.
 */
class FactoryReportPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FactoryReportPolicy POLICY = new FactoryReportPolicy();
  private static final Refused ORDER = new Refused("LIFECYCLE-ORDER", "…", "already PRODUCED");

  /** A pending report of the ICBC card bureau on card-1, sent once before. */
  private static FactoryReport report(String reportId, String kind, String cardNumber) {
    ObjectNode report =
        JSON.createObjectNode()
            .put("reportId", reportId)
            .put("factoryId", "ICBC-card-bureau")
            .put("cardId", "card-1")
            .put("kind", kind)
            .put("cardNumber", cardNumber)
            .put("state", "PENDING")
            .put("attempts", 2);
    switch (kind) {
      case "PRODUCTION_FAILED" -> report.put("reason", "芯片写入失败");
      case "DISPATCHED" -> report.put("method", "MAIL").put("trackingNumber", "EA123456785CN");
      default -> {}
    }
    return JSON.convertValue(report, FactoryReport.class);
  }

  /** A card view whose history has one CardProduced with the given correlation id. */
  private static Answer producedCard(String correlationId, String cardNumber) throws Exception {
    return new Answer(
        200,
        JSON.readTree(
            "{\"status\":\"PRODUCED\",\"cardNumber\":\""
                + cardNumber
                + "\",\"history\":[{\"sequence\":0,\"eventType\":\"CardRequested\","
                + "\"correlationId\":\"c0\"},{\"sequence\":1,\"eventType\":\"CardProduced\","
                + "\"correlationId\":\""
                + correlationId
                + "\"}]}"));
  }

  /** What a refusal of the report means once the card was produced as A12345678 by r1. */
  private static Outcome afterRefusal(FactoryReport report, Refused refusal) throws Exception {
    return DeliveryDecision.afterRefusal(POLICY, report, refusal, producedCard("r1", "A12345678"));
  }

  @Test
  void each_kind_becomes_its_command_sent_as_the_factory_with_the_report_as_correlation() {
    FactoryReport produced = report("r1", "PRODUCED", "A12345678");
    assertEquals("production", POLICY.commandPath(produced));
    assertEquals("CardProduced", POLICY.eventType(produced));
    assertEquals("{\"cardNumber\":\"A12345678\"}", POLICY.body(produced).toString());
    assertEquals(
        "{\"reason\":\"芯片写入失败\"}", POLICY.body(report("r1", "PRODUCTION_FAILED", null)).toString());
    FactoryReport dispatched = report("r1", "DISPATCHED", null);
    assertEquals("dispatch", POLICY.commandPath(dispatched));
    assertEquals(
        "{\"method\":\"MAIL\",\"trackingNumber\":\"EA123456785CN\"}",
        POLICY.body(dispatched).toString());
    assertEquals("CARD_FACTORY", POLICY.caller(produced).role());
    assertEquals("ICBC-card-bureau", POLICY.caller(produced).actorId());
    assertEquals("CARD_FACTORY_API", POLICY.caller(produced).channel());
    assertEquals("r1", POLICY.caller(produced).correlationId());
  }

  @Test
  void a_conflict_after_a_lost_answer_is_this_report_already_applied() throws Exception {
    Applied applied =
        assertInstanceOf(Applied.class, afterRefusal(report("r1", "PRODUCED", "A12345678"), ORDER));
    assertEquals("recorded as CardProduced #1", applied.detail());
  }

  @Test
  void the_same_card_number_recorded_by_another_request_is_a_duplicate() throws Exception {
    assertInstanceOf(Duplicate.class, afterRefusal(report("r2", "PRODUCED", "A12345678"), ORDER));
  }

  @Test
  void another_card_number_already_recorded_is_a_refusal_with_its_rule() throws Exception {
    assertEquals(ORDER, afterRefusal(report("r2", "PRODUCED", "B00000000"), ORDER));
  }

  @Test
  void bad_input_is_refused_with_its_rule_since_the_card_shows_nothing_of_the_report()
      throws Exception {
    Refused badNumber = new Refused("INPUT-CARD-NUMBER", "社保卡卡号应为9位数字或大写字母。", "no");
    assertEquals(badNumber, afterRefusal(report("r2", "PRODUCED", "a1234567"), badNumber));
    // a dispatch is never a duplicate: another dispatch may have gone another way
    assertEquals(ORDER, afterRefusal(report("r3", "DISPATCHED", null), ORDER));
  }
}
