package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, but stored events are typed by their contract name and version ({@code
 * CardRequested}, revision {@code 1}) instead of a Java class name, so that the event store reads
 * like the published contract and a class can be renamed without touching stored data. Everything
 * else (metadata, tokens) keeps Axon's default naming.
 */
final class ContractEventSerializer extends JacksonSerializer {

  ContractEventSerializer() {
    super(JacksonSerializer.builder().objectMapper(EventCodec.newObjectMapper()));
  }

  @Override
  public SerializedType typeForClass(Class type) {
    return EventTypes.of(type)
        .<SerializedType>map(t -> new SimpleSerializedType(t.name(), Integer.toString(t.version())))
        .orElseGet(() -> super.typeForClass(type));
  }

  @Override
  protected String resolveClassName(SerializedType serializedType) {
    String revision = serializedType.getRevision();
    if (revision != null && revision.chars().allMatch(Character::isDigit)) {
      return EventTypes.of(serializedType.getName(), Integer.parseInt(revision))
          .map(EventType::payloadClass)
          .map(Class::getName)
          .orElseGet(() -> super.resolveClassName(serializedType));
    }
    return super.resolveClassName(serializedType);
  }
}
