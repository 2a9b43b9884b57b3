package cn.bj.hrss.card.contract.event;

import java.util.List;
import java.util.Optional;

/**
 * The published event types: logical name and version for each payload record. This table is the
 * contract; a payload change that is not backwards compatible gets a new version and an upcaster.
 */
public final class EventTypes {

  /** One published event type. */
  public record EventType(String name, int version, Class<? extends CardEvent> payloadClass) {}

  public static final List<EventType> ALL =
      List.of(
          new EventType("CardRequested", 1, CardRequested.class),
          new EventType("CardProductionFailed", 1, CardProductionFailed.class),
          new EventType("CardProduced", 1, CardProduced.class),
          new EventType("CardDispatched", 1, CardDispatched.class),
          new EventType("CardCollected", 1, CardCollected.class),
          new EventType("CardDelivered", 1, CardDelivered.class),
          new EventType("SocialFunctionEnabled", 1, SocialFunctionEnabled.class),
          new EventType("OldCardInvalidated", 1, OldCardInvalidated.class),
          new EventType("FinancialFunctionActivated", 1, FinancialFunctionActivated.class),
          new EventType("IssuingBankChanged", 1, IssuingBankChanged.class),
          new EventType("CardReportedLost", 1, CardReportedLost.class),
          new EventType("LossReportCancelled", 1, LossReportCancelled.class),
          new EventType("CardReplaced", 1, CardReplaced.class),
          new EventType("ReplacementCardIssued", 1, ReplacementCardIssued.class));

  private EventTypes() {}

  public static Optional<EventType> of(Class<?> payloadClass) {
    return ALL.stream().filter(t -> t.payloadClass().equals(payloadClass)).findFirst();
  }

  public static Optional<EventType> of(String name, int version) {
    return ALL.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
  }

  public static EventType require(Class<?> payloadClass) {
    return of(payloadClass)
        .orElseThrow(
            () -> new IllegalArgumentException("not a published event type: " + payloadClass));
  }
}
