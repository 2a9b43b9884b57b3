package cn.bj.hrss.card.application.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.publishing.EnvelopeMapper;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * The Axon upcaster on the old JSON: the golden CardRequested v1 sample, stored as a build before
 * version 2 stored it (its payload, revision 1, its metadata), read back the two ways the event
 * store is read: sourcing an aggregate and tracking it for publication.
 */
class ContractEventUpcasterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventType V1 = EventTypes.superseded("CardRequested", 1).orElseThrow();
  private static final EventType V2 = EventTypes.require(CardRequested.class);

  private final ContractEventSerializer serializer = new ContractEventSerializer();
  private final EventUpcaster upcaster = ContractEventUpcaster.chain();

  /**
   * A golden sample as a row of domain_event_entry: its payload JSON, type and revision as given.
   */
  private DomainEventData<byte[]> stored(EventType type, String timestamp) throws Exception {
    JsonNode golden = JSON.readTree(GoldenSamples.json(type));
    JsonNode actor = golden.get("actor");
    MetaData metaData =
        MetaData.from(
            CommandMetaData.of(
                actor.get("role").asText(),
                actor.get("id").asText(),
                golden.get("channel").asText(),
                golden.get("correlationId").asText()));
    return new GenericDomainEventEntry<>(
        "CardAggregate",
        golden.get("cardId").asText(),
        golden.get("sequence").asLong(),
        golden.get("eventId").asText(),
        timestamp,
        type.name(),
        Integer.toString(type.version()),
        JSON.writeValueAsBytes(golden.get("payload")),
        serializer.serialize(metaData, byte[].class).getData());
  }

  private DomainEventData<byte[]> storedV1() throws Exception {
    return stored(V1, JSON.readTree(GoldenSamples.json(V1)).get("occurredAt").asText());
  }

  private DomainEventMessage<?> sourced(DomainEventData<byte[]> row, EventUpcaster chain) {
    return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), serializer, chain)
        .next();
  }

  @Test
  void sourcing_reads_the_stored_v1_event_as_v2_with_the_application_date_of_its_timestamp()
      throws Exception {
    DomainEventMessage<?> event = sourced(storedV1(), upcaster);

    assertEquals(GoldenSamples.envelope(V2).payload(), event.getPayload());
    assertEquals(
        LocalDate.parse("2025-03-03"), ((CardRequested) event.getPayload()).applicationDate());
  }

  @Test
  void the_publishing_processor_publishes_the_stored_v1_event_as_the_golden_v2_sample()
      throws Exception {
    DomainEventMessage<?> tracked =
        (DomainEventMessage<?>)
            EventUtils.upcastAndDeserializeTrackedEvents(
                    Stream.of(
                        new TrackedDomainEventData<>(
                            new GlobalSequenceTrackingToken(1), storedV1())),
                    serializer,
                    upcaster)
                .findFirst()
                .orElseThrow();

    String published = EventCodec.encodeToString(EnvelopeMapper.toEnvelope(tracked));

    assertEquals(JSON.readTree(GoldenSamples.json(V2)), JSON.readTree(published));
  }

  @Test
  void the_application_date_is_the_day_in_beijing_not_in_utc() throws Exception {
    // 16:30 UTC on 2 March is 00:30 on 3 March in Beijing.
    DomainEventMessage<?> event = sourced(stored(V1, "2025-03-02T16:30:00.000Z"), upcaster);

    assertEquals(
        LocalDate.parse("2025-03-03"), ((CardRequested) event.getPayload()).applicationDate());
  }

  @Test
  void events_at_their_current_version_pass_unchanged() throws Exception {
    EventType produced = EventTypes.require(CardProduced.class);

    assertEquals(
        GoldenSamples.envelope(V2).payload(),
        sourced(stored(V2, "2030-01-01T00:00:00.000Z"), upcaster).getPayload());
    assertEquals(
        GoldenSamples.envelope(produced).payload(),
        sourced(stored(produced, "2025-03-10T06:00:00.000Z"), upcaster).getPayload());
  }

  @Test
  void without_the_upcaster_a_stored_v1_event_fails_loudly_instead_of_losing_its_date()
      throws Exception {
    DomainEventData<byte[]> row = storedV1();

    SerializationException failure =
        assertThrows(
            SerializationException.class,
            () -> sourced(row, NoOpEventUpcaster.INSTANCE).getPayload());
    assertTrue(failure.getMessage().contains("superseded"), failure.getMessage());
  }
}
