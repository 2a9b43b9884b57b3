package cn.bj.hrss.card.contract.codec;

import cn.bj.hrss.card.contract.event.Actor;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.UnknownCardEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes {@link EventEnvelope}s as the JSON documented in docs/event-contract.md. The
 * reader is tolerant: unknown fields are ignored, and an unknown event type or version becomes an
 * {@link UnknownCardEvent} instead of an error, so that an older consumer survives a newer
 * producer. A superseded version ({@link EventTypes#SUPERSEDED}, as records published before a
 * version change are) is upcast with {@link ContractUpcasts} while it is read: the envelope comes
 * back at the type's current version, equal to what the same event republished today decodes to.
 */
public final class EventCodec {

  private static final ObjectMapper MAPPER = newObjectMapper();

  private EventCodec() {}

  /** The mapper the contract is written with: ISO-8601 instants, nulls left out. */
  public static ObjectMapper newObjectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  public static byte[] encode(EventEnvelope envelope) {
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode event " + envelope.eventId(), e);
    }
  }

  public static String encodeToString(EventEnvelope envelope) {
    return new String(encode(envelope), StandardCharsets.UTF_8);
  }

  /**
   * Decodes one envelope.
   *
   * @throws MalformedEventException when the bytes are not an envelope at all (no value, not JSON,
   *     a required envelope field missing or of the wrong kind, a payload that does not fit its
   *     type's schema); such a record can never be applied
   */
  public static EventEnvelope decode(byte[] json) {
    if (json == null) {
      throw new MalformedEventException("no value (a tombstone?)", null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new MalformedEventException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEventException("not a JSON object", null);
    }
    String eventId = requireText(root, "eventId");
    String eventType = requireText(root, "eventType");
    int eventVersion = requireNumber(root, "eventVersion").intValue();
    String cardId = requireText(root, "cardId");
    long sequence = requireNumber(root, "sequence").longValue();
    Instant occurredAt = requireInstant(root, "occurredAt");
    JsonNode payload = root.path("payload");
    if (EventTypes.superseded(eventType, eventVersion).isPresent()) {
      if (!payload.isObject()) {
        throw new MalformedEventException(
            "payload of " + eventType + " v" + eventVersion + " is not an object", null);
      }
      ObjectNode upcast = payload.deepCopy();
      eventVersion = ContractUpcasts.toCurrent(eventType, eventVersion, upcast, occurredAt);
      payload = upcast;
    }
    JsonNode actor = root.path("actor");
    return new EventEnvelope(
        eventId,
        eventType,
        eventVersion,
        cardId,
        sequence,
        occurredAt,
        new Actor(textOrNull(actor, "role"), textOrNull(actor, "id")),
        textOrNull(root, "channel"),
        textOrNull(root, "correlationId"),
        payload(eventType, eventVersion, payload));
  }

  private static CardEvent payload(String eventType, int eventVersion, JsonNode payload) {
    return EventTypes.of(eventType, eventVersion)
        .<CardEvent>map(
            type -> {
              try {
                return MAPPER.treeToValue(payload, type.payloadClass());
              } catch (JsonProcessingException e) {
                throw new MalformedEventException(
                    "payload of " + eventType + " v" + eventVersion + " does not match its schema",
                    e);
              }
            })
        .orElseGet(() -> new UnknownCardEvent(eventType, eventVersion));
  }

  private static JsonNode requireField(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new MalformedEventException("missing envelope field '" + field + "'", null);
    }
    return value;
  }

  private static String requireText(JsonNode node, String field) {
    JsonNode value = requireField(node, field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new MalformedEventException("envelope field '" + field + "' is not text", null);
    }
    return value.asText();
  }

  private static JsonNode requireNumber(JsonNode node, String field) {
    JsonNode value = requireField(node, field);
    if (!value.isIntegralNumber()) {
      throw new MalformedEventException(
          "envelope field '" + field + "' is not a whole number", null);
    }
    return value;
  }

  private static Instant requireInstant(JsonNode node, String field) {
    String text = requireText(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedEventException("envelope field '" + field + "' is not an instant", e);
    }
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A record that cannot be read as an event envelope. */
  public static final class MalformedEventException extends RuntimeException {
    MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
