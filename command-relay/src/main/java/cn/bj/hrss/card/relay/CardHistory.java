package cn.bj.hrss.card.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reading a card's view ({@code GET /cards/{id}}) for what decides "already applied": every event
 * in its {@code history} names its {@code eventType} and the {@code correlationId} of the request
 * that caused it, and a report is sent with its id as correlation id.
 */
public final class CardHistory {

  private CardHistory() {}

  /** The event of this type caused by the request with this correlation id, if the card has one. */
  public static Optional<JsonNode> eventOf(JsonNode card, String correlationId, String eventType) {
    for (JsonNode event : card.path("history")) {
      if (correlationId.equals(event.path("correlationId").asText(null))
          && eventType.equals(event.path("eventType").asText(null))) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }

  /** Whether the card's history has an event of this type, whoever caused it. */
  public static boolean hasEvent(JsonNode card, String eventType) {
    for (JsonNode event : card.path("history")) {
      if (eventType.equals(event.path("eventType").asText(null))) {
        return true;
      }
    }
    return false;
  }
}
