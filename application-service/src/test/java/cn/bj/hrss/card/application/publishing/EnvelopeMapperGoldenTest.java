package cn.bj.hrss.card.application.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The producer side of the contract: a stored event is published exactly as the golden sample. */
class EnvelopeMapperGoldenTest {

  static Stream<EventType> eventTypes() {
    return EventTypes.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void a_stored_event_is_published_as_its_golden_sample(EventType type) throws Exception {
    EventEnvelope golden = GoldenSamples.envelope(type);
    var stored =
        new GenericDomainEventMessage<>(
            "CardAggregate",
            golden.cardId(),
            golden.sequence(),
            golden.payload(),
            CommandMetaData.of(
                golden.actor().role(),
                golden.actor().id(),
                golden.channel(),
                golden.correlationId()),
            golden.eventId(),
            golden.occurredAt());

    String published = EventCodec.encodeToString(EnvelopeMapper.toEnvelope(stored));

    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(GoldenSamples.json(type)), json.readTree(published));
  }
}
