package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.EventCodec.MalformedEventException;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.UnknownCardEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static final String PRODUCED = GoldenSamples.json(EventTypes.require(CardProduced.class));

  private static EventEnvelope decode(String json) {
    return EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void an_unknown_event_type_is_read_as_unknown_instead_of_failing() {
    EventEnvelope envelope =
        decode(PRODUCED.replace("\"CardProduced\"", "\"CardRecalledByFactory\""));

    assertEquals(new UnknownCardEvent("CardRecalledByFactory", 1), envelope.payload());
    assertEquals(1, envelope.sequence());
  }

  @Test
  void a_newer_version_of_a_known_type_is_read_as_unknown() {
    EventEnvelope envelope =
        decode(PRODUCED.replace("\"eventVersion\" : 1", "\"eventVersion\" : 2"));

    assertEquals(new UnknownCardEvent("CardProduced", 2), envelope.payload());
  }

  @Test
  void fields_added_by_a_newer_producer_are_ignored() {
    EventEnvelope envelope =
        decode(PRODUCED.replace("\"cardNumber\"", "\"printedAt\" : \"Beijing\", \"cardNumber\""));

    assertEquals(new CardProduced("A12345678"), envelope.payload());
  }

  @Test
  void a_record_that_is_not_json_is_malformed() {
    assertThrows(MalformedEventException.class, () -> decode("not json at all"));
  }

  @Test
  void an_envelope_without_card_id_is_malformed() {
    assertThrows(
        MalformedEventException.class,
        () -> decode(PRODUCED.replace("\"cardId\"", "\"cardIdentifier\"")));
  }

  @Test
  void a_record_without_a_value_is_malformed() {
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(null));
  }

  @Test
  void a_badly_written_time_is_malformed() {
    assertThrows(
        MalformedEventException.class,
        () -> decode(PRODUCED.replace("2025-03-10T06:00:00Z", "10/03/2025 06:00")));
  }

  @Test
  void a_sequence_that_is_not_a_number_is_malformed_rather_than_zero() {
    assertThrows(
        MalformedEventException.class,
        () -> decode(PRODUCED.replace("\"sequence\" : 1", "\"sequence\" : \"one\"")));
  }
}
