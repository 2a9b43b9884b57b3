package cn.bj.hrss.card.application.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractEventSerializerTest {

  private final ContractEventSerializer serializer = new ContractEventSerializer();

  static Stream<EventType> eventTypes() {
    return EventTypes.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void stored_events_are_typed_by_contract_name_and_version_and_read_back(EventType type) {
    Object payload = GoldenSamples.envelope(type).payload();

    SerializedObject<byte[]> stored = serializer.serialize(payload, byte[].class);

    assertEquals(type.name(), stored.getType().getName());
    assertEquals(Integer.toString(type.version()), stored.getType().getRevision());
    assertEquals(payload, serializer.deserialize(stored));
  }

  @Test
  void metadata_keeps_axons_own_type_name() {
    MetaData metaData = MetaData.from(Map.of("channel", "BANK_OUTLET"));

    SerializedObject<byte[]> stored = serializer.serialize(metaData, byte[].class);

    assertEquals(MetaData.class.getName(), stored.getType().getName());
    assertEquals(metaData, serializer.deserialize(stored));
  }

  @Test
  void a_stored_event_of_a_version_this_build_does_not_know_fails_loudly() {
    SerializedObject<byte[]> stored =
        new org.axonframework.serialization.SimpleSerializedObject<>(
            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            byte[].class,
            "CardProduced",
            "2");

    org.junit.jupiter.api.Assertions.assertThrows(
        org.axonframework.serialization.SerializationException.class,
        () -> serializer.deserialize(stored));
  }
}
