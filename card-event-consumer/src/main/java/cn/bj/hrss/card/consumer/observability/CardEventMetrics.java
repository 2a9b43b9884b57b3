package cn.bj.hrss.card.consumer.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Counters of the card events a consumer service applies, in Micrometer's global registry (which
 * Quarkus's registry, and so {@code /q/metrics}, is part of). Tagged by event type only: never a
 * card id or anything of a person.
 */
public final class CardEventMetrics {

  public static final String APPLIED = "card.events.applied";

  public static final String DEAD_LETTERED = "card.events.dead_lettered";

  private CardEventMetrics() {}

  /**
   * One event handed to the projection's handler without error (a redelivered event the projection
   * recognised as already applied counts too: the handler does not tell them apart).
   */
  public static void applied(String eventType) {
    applied(Metrics.globalRegistry, eventType);
  }

  static void applied(MeterRegistry registry, String eventType) {
    Counter.builder(APPLIED)
        .description("Card events applied to this service's projection")
        .tag("type", eventType == null ? "unknown" : eventType)
        .register(registry)
        .increment();
  }

  /** One record set aside in the group's dead letters (ADR 15), tagged by its source topic. */
  public static void deadLettered(String sourceTopic) {
    Counter.builder(DEAD_LETTERED)
        .description("Records set aside in this service's dead letters")
        .tag("topic", sourceTopic == null ? "unknown" : sourceTopic)
        .register(Metrics.globalRegistry)
        .increment();
  }
}
