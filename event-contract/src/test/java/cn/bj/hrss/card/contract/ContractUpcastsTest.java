package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.codec.ContractUpcasts;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.RegisteredOutlet;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Superseded versions: each has a golden sample and upcasts to its type's current version. */
class ContractUpcastsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventType CARD_REQUESTED_V1 =
      EventTypes.superseded("CardRequested", 1).orElseThrow();

  static Stream<EventType> superseded() {
    return EventTypes.SUPERSEDED.stream();
  }

  /**
   * Fields of a current version that an older version did not record, so that its upcast leaves
   * them out (absent means "not known"): the golden sample of the current version has them.
   */
  private static final Map<String, Set<String>> NOT_KNOWN_BEFORE =
      Map.of(
          "ReplacementCardIssued", Set.of("category"),
          "CardDispatched", Set.of("outlet"),
          "FinancialFunctionActivated", Set.of("outlet"));

  private static JsonNode currentPayloadAsUpcast(EventType old) throws Exception {
    ObjectNode payload =
        (ObjectNode)
            JSON.readTree(GoldenSamples.json(EventTypes.require(old.payloadClass())))
                .get("payload");
    payload.remove(NOT_KNOWN_BEFORE.getOrDefault(old.name(), Set.of()));
    return payload;
  }

  @ParameterizedTest
  @MethodSource("superseded")
  void a_superseded_version_upcasts_to_the_current_version_of_its_type(EventType old)
      throws Exception {
    EventType current = EventTypes.require(old.payloadClass());
    ObjectNode payload = (ObjectNode) JSON.readTree(GoldenSamples.json(old)).get("payload");

    int reached =
        ContractUpcasts.toCurrent(
            old.name(), old.version(), payload, GoldenSamples.envelope(current).occurredAt());

    assertEquals(current.name(), old.name());
    assertTrue(old.version() < current.version());
    assertEquals(current.version(), reached);
    assertEquals(currentPayloadAsUpcast(old), payload);
  }

  @ParameterizedTest
  @MethodSource("superseded")
  void an_old_record_on_the_topic_decodes_exactly_as_its_republication_at_the_current_version(
      EventType old) throws Exception {
    EventEnvelope fromOldRecord = GoldenSamples.envelope(old);

    ObjectNode republished =
        (ObjectNode) JSON.readTree(GoldenSamples.json(EventTypes.require(old.payloadClass())));
    republished.set("payload", currentPayloadAsUpcast(old));
    assertEquals(
        EventCodec.decode(JSON.writeValueAsBytes(republished)), fromOldRecord, old.toString());
  }

  @Test
  void card_requested_v2_is_read_as_an_exchange_R_OLD_2() {
    EventEnvelope envelope =
        GoldenSamples.envelope(EventTypes.superseded("CardRequested", 2).orElseThrow());

    assertEquals(3, envelope.eventVersion());
    assertEquals(CardRequested.EXCHANGE, ((CardRequested) envelope.payload()).issue());
  }

  @Test
  void social_function_enabled_v1_is_read_as_invalidating_the_old_card_R_OLD_2() {
    EventEnvelope envelope =
        GoldenSamples.envelope(EventTypes.superseded("SocialFunctionEnabled", 1).orElseThrow());

    assertEquals(2, envelope.eventVersion());
    assertEquals(new SocialFunctionEnabled("A12345678", true), envelope.payload());
  }

  @Test
  void replacement_card_issued_v1_is_read_without_category_and_without_a_valid_old_card() {
    EventEnvelope envelope =
        GoldenSamples.envelope(EventTypes.superseded("ReplacementCardIssued", 1).orElseThrow());

    ReplacementCardIssued issued = (ReplacementCardIssued) envelope.payload();
    assertEquals(2, envelope.eventVersion());
    assertNull(issued.category());
    assertFalse(issued.oldCardStillValid());
  }

  @Test
  void card_dispatched_v1_is_read_without_a_registered_outlet_so_no_notice_names_its_text() {
    EventEnvelope envelope =
        GoldenSamples.envelope(EventTypes.superseded("CardDispatched", 1).orElseThrow());

    CardDispatched dispatched = (CardDispatched) envelope.payload();
    assertEquals(2, envelope.eventVersion());
    assertEquals("工商银行北京朝阳门支行", dispatched.outletName());
    assertNull(dispatched.outlet());
  }

  @Test
  void financial_function_activated_v1_is_read_without_a_registered_outlet() {
    EventEnvelope envelope =
        GoldenSamples.envelope(
            EventTypes.superseded("FinancialFunctionActivated", 1).orElseThrow());

    assertEquals(2, envelope.eventVersion());
    assertNull(((FinancialFunctionActivated) envelope.payload()).outlet());
  }

  @Test
  void card_dispatched_v2_carries_the_outlet_as_registered_with_its_address() {
    CardDispatched dispatched =
        (CardDispatched) GoldenSamples.envelope(EventTypes.require(CardDispatched.class)).payload();

    assertEquals(new RegisteredOutlet("工商银行北京朝阳门支行", "北京市东城区朝阳门北大街1号"), dispatched.outlet());
    assertEquals(dispatched.outlet().name(), dispatched.outletName());
  }

  @Test
  void card_requested_v1_gets_the_application_date_of_beijing_not_of_utc() {
    // 16:30 UTC on 2 March is 00:30 on 3 March in Beijing.
    String late =
        GoldenSamples.json(CARD_REQUESTED_V1)
            .replace("2025-03-03T01:15:30Z", "2025-03-02T16:30:00Z");

    EventEnvelope envelope = EventCodec.decode(late.getBytes(StandardCharsets.UTF_8));

    assertEquals(3, envelope.eventVersion());
    assertEquals(
        LocalDate.parse("2025-03-03"), ((CardRequested) envelope.payload()).applicationDate());
  }

  @Test
  void a_current_version_is_left_as_it_is() throws Exception {
    ObjectNode payload =
        (ObjectNode)
            JSON.readTree(GoldenSamples.json(EventTypes.require(CardRequested.class)))
                .get("payload");
    ObjectNode before = payload.deepCopy();

    int reached =
        ContractUpcasts.toCurrent(
            "CardRequested", 3, payload, Instant.parse("2030-01-01T00:00:00Z"));

    assertEquals(3, reached);
    assertEquals(before, payload);
  }
}
