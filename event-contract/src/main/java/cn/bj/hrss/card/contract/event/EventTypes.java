package cn.bj.hrss.card.contract.event;

import java.util.List;
import java.util.Optional;

/**
 * The published event types: logical name and version for each payload record. This table is the
 * contract; a payload change that is not backwards compatible gets a new version and an upcaster.
 *
 * <p>{@link #ALL} holds the version of each type that is written today, one per type. {@link
 * #SUPERSEDED} holds the older versions that are no longer written but may still be read (from the
 * event store, or from records already on the topic): each is upcast to the current version ({@code
 * codec.ContractUpcasts}) before it becomes its payload record.
 */
public final class EventTypes {

  /** One published event type. */
  public record EventType(String name, int version, Class<? extends CardEvent> payloadClass) {}

  public static final List<EventType> ALL =
      List.of(
          new EventType("CardRequested", 3, CardRequested.class),
          new EventType("CardProductionFailed", 1, CardProductionFailed.class),
          new EventType("CardProduced", 1, CardProduced.class),
          new EventType("CardDispatched", 2, CardDispatched.class),
          new EventType("CardCollected", 2, CardCollected.class),
          new EventType("CardDelivered", 1, CardDelivered.class),
          new EventType("SocialFunctionEnabled", 2, SocialFunctionEnabled.class),
          new EventType("OldCardInvalidated", 1, OldCardInvalidated.class),
          new EventType("FinancialFunctionActivated", 2, FinancialFunctionActivated.class),
          new EventType("IssuingBankChanged", 1, IssuingBankChanged.class),
          new EventType("CardReportedLost", 1, CardReportedLost.class),
          new EventType("LossReportCancelled", 1, LossReportCancelled.class),
          new EventType("CardReplaced", 1, CardReplaced.class),
          new EventType("ReplacementCardIssued", 2, ReplacementCardIssued.class),
          new EventType("ApplicationChanged", 1, ApplicationChanged.class),
          new EventType("ApplicationWithdrawn", 1, ApplicationWithdrawn.class),
          new EventType("MobileNumberChanged", 1, MobileNumberChanged.class),
          new EventType("MailReturned", 1, MailReturned.class),
          new EventType("PickupPeriodEnding", 1, PickupPeriodEnding.class),
          new EventType("UncollectedCardReturned", 1, UncollectedCardReturned.class),
          new EventType("CardCancelled", 1, CardCancelled.class));

  /** Older versions still read, each upcast to its type's version in {@link #ALL}. */
  public static final List<EventType> SUPERSEDED =
      List.of(
          new EventType("CardRequested", 1, CardRequested.class),
          new EventType("CardRequested", 2, CardRequested.class),
          new EventType("SocialFunctionEnabled", 1, SocialFunctionEnabled.class),
          new EventType("ReplacementCardIssued", 1, ReplacementCardIssued.class),
          new EventType("CardDispatched", 1, CardDispatched.class),
          new EventType("FinancialFunctionActivated", 1, FinancialFunctionActivated.class),
          new EventType("CardCollected", 1, CardCollected.class));

  private EventTypes() {}

  public static Optional<EventType> of(Class<?> payloadClass) {
    return ALL.stream().filter(t -> t.payloadClass().equals(payloadClass)).findFirst();
  }

  /** The current type of that name and version; empty for a superseded or unknown version. */
  public static Optional<EventType> of(String name, int version) {
    return ALL.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
  }

  /** The superseded type of that name and version, if it is one. */
  public static Optional<EventType> superseded(String name, int version) {
    return SUPERSEDED.stream()
        .filter(t -> t.name().equals(name) && t.version() == version)
        .findFirst();
  }

  public static EventType require(Class<?> payloadClass) {
    return of(payloadClass)
        .orElseThrow(
            () -> new IllegalArgumentException("not a published event type: " + payloadClass));
  }
}
