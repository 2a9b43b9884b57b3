package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenSamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<EventType> eventTypes() {
    return EventTypes.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void each_event_type_has_a_golden_sample_that_decodes_to_its_payload_record(EventType type) {
    EventEnvelope envelope = GoldenSamples.envelope(type);

    assertEquals(type.name(), envelope.eventType());
    assertEquals(type.version(), envelope.eventVersion());
    assertEquals(GoldenSamples.CARD_ID, envelope.cardId());
    assertInstanceOf(type.payloadClass(), envelope.payload());
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void encoding_a_decoded_sample_gives_back_the_same_json(EventType type) throws Exception {
    String golden = GoldenSamples.json(type);

    String roundTrip = EventCodec.encodeToString(GoldenSamples.envelope(type));

    assertEquals(JSON.readTree(golden), JSON.readTree(roundTrip));
  }

  @org.junit.jupiter.api.Test
  void the_production_overdue_alert_round_trips_as_its_golden_sample() throws Exception {
    String golden = GoldenSamples.productionOverdueJson();

    var alert = cn.bj.hrss.card.contract.codec.AlertCodec.decode(golden.getBytes("UTF-8"));

    assertEquals(java.time.LocalDate.parse("2025-04-02"), alert.dueDate());
    assertEquals(
        JSON.readTree(golden),
        JSON.readTree(cn.bj.hrss.card.contract.codec.AlertCodec.encode(alert)));
  }
}
