package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import java.util.Optional;
import org.axonframework.serialization.SerializationException;
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

  /**
   * A contract name (no package, as every stored card event has) resolves through {@link
   * EventTypes} at its current version only; an unknown contract name or version fails loudly,
   * because Axon would otherwise read it as an unknown type and the publisher would skip it for
   * good. A superseded version fails too: it reaches the serializer only if the upcaster did not
   * run, and it must not become a payload record silently missing its new fields. Other names
   * (metadata, tokens) are Java class names.
   */
  @Override
  protected String resolveClassName(SerializedType serializedType) {
    String name = serializedType.getName();
    if (name.contains(".")) {
      return super.resolveClassName(serializedType);
    }
    String revision = serializedType.getRevision();
    return parseVersion(revision)
        .flatMap(version -> EventTypes.of(name, version))
        .map(EventType::payloadClass)
        .map(Class::getName)
        .orElseThrow(() -> new SerializationException(notCurrent(name, revision)));
  }

  private static String notCurrent(String name, String revision) {
    boolean superseded =
        parseVersion(revision).flatMap(v -> EventTypes.superseded(name, v)).isPresent();
    return "stored event type "
        + name
        + " version "
        + revision
        + (superseded
            ? " is superseded and must be upcast before it is read (ContractEventUpcaster)"
            : " is unknown to this build: deploy a build that knows it");
  }

  private static Optional<Integer> parseVersion(String revision) {
    if (revision == null || revision.isEmpty() || !revision.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(revision));
  }
}
