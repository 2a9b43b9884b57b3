package cn.bj.hrss.card.contract.codec;

import cn.bj.hrss.card.contract.event.EventTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * How each superseded version of an event type ({@link EventTypes#SUPERSEDED}) becomes the next
 * version, as a change of the payload's JSON. The same steps serve application-service's Axon
 * upcaster (events in the event store) and {@link EventCodec} (records already on the topic), so an
 * old event reads the same wherever it is read, and a projection rebuilt from old records equals
 * one rebuilt after the store was republished at the new version.
 */
public final class ContractUpcasts {

  /** Beijing time: the legal application date is a calendar day in Beijing. */
  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** A change of one payload from its version to the next, in place. */
  @FunctionalInterface
  public interface Change {
    /**
     * @param payload the payload's JSON at the step's version, changed in place to the next
     * @param recordedAt when application-service recorded the event (its timestamp in the event
     *     store, the envelope's {@code occurredAt} on the topic)
     */
    void apply(ObjectNode payload, Instant recordedAt);
  }

  /** One step: {@code eventType} from {@code fromVersion} to {@code fromVersion + 1}. */
  public record Step(String eventType, int fromVersion, Change change) {
    public int toVersion() {
      return fromVersion + 1;
    }
  }

  /** Every step, one per superseded version. */
  public static final List<Step> STEPS =
      List.of(
          new Step("CardRequested", 1, ContractUpcasts::cardRequestedV1ToV2),
          new Step("CardRequested", 2, ContractUpcasts::cardRequestedV2ToV3),
          new Step("SocialFunctionEnabled", 1, ContractUpcasts::socialFunctionEnabledV1ToV2),
          new Step("ReplacementCardIssued", 1, ContractUpcasts::replacementCardIssuedV1ToV2),
          new Step("CardDispatched", 1, ContractUpcasts::outletNotResolved),
          new Step("FinancialFunctionActivated", 1, ContractUpcasts::outletNotResolved),
          new Step("CardCollected", 1, ContractUpcasts::cardCollectedV1ToV2));

  private ContractUpcasts() {}

  /** The step that upcasts {@code eventType} at {@code version}, if that version is superseded. */
  public static Optional<Step> from(String eventType, int version) {
    return STEPS.stream()
        .filter(s -> s.eventType().equals(eventType) && s.fromVersion() == version)
        .findFirst();
  }

  /**
   * Upcasts {@code payload} in place, step by step, from {@code version} to the type's current
   * version, and returns the version reached ({@code version} itself when it is not superseded).
   */
  public static int toCurrent(
      String eventType, int version, ObjectNode payload, Instant recordedAt) {
    int reached = version;
    for (Optional<Step> step = from(eventType, reached);
        step.isPresent();
        step = from(eventType, reached)) {
      step.get().change().apply(payload, recordedAt);
      reached = step.get().toVersion();
    }
    return reached;
  }

  /**
   * CardRequested v1 to v2: adds {@code applicationDate}, the day in Beijing on which the event was
   * recorded. A version 1 writer decided the application on its business date, which in production
   * is today in Beijing, the day it recorded the event; it is also the day every consumer derived
   * from {@code occurredAt} before version 2, so their projections stay as they were.
   */
  static void cardRequestedV1ToV2(ObjectNode payload, Instant recordedAt) {
    payload.put("applicationDate", applicationDateOf(recordedAt).toString());
  }

  /**
   * CardRequested v2 to v3: adds {@code issue} = {@code EXCHANGE}. Before version 3 every card was
   * treated as an exchange (its enabling recorded an OldCardInvalidated); the upcast keeps the
   * stored history consistent with its own events rather than guess.
   */
  static void cardRequestedV2ToV3(ObjectNode payload, Instant recordedAt) {
    payload.put("issue", "EXCHANGE");
  }

  /**
   * SocialFunctionEnabled v1 to v2: adds {@code oldCardInvalidated} = true: application-service
   * followed every version 1 enabling with an OldCardInvalidated.
   */
  static void socialFunctionEnabledV1ToV2(ObjectNode payload, Instant recordedAt) {
    payload.put("oldCardInvalidated", true);
  }

  /**
   * ReplacementCardIssued v1 to v2: adds {@code oldCardStillValid} = false (a card is replaced
   * after it was in use, so the old card was invalid already, and version 1 did not record
   * otherwise); {@code category} stays absent: it was not recorded, and readers that need it
   * (R-BANK-6) read the registry.
   */
  static void replacementCardIssuedV1ToV2(ObjectNode payload, Instant recordedAt) {
    payload.put("oldCardStillValid", false);
  }

  /**
   * CardDispatched and FinancialFunctionActivated v1 to v2: the payload stays as it is, {@code
   * outlet} absent. Version 2 adds the outlet as application-service resolved it from its reference
   * data (ADR 23); a version 1 event's outlet name was never checked against it (and its tracking
   * number never against a carrier's format), so nothing is made up: the new field stays absent and
   * no notice names an outlet from such an event.
   */
  static void outletNotResolved(ObjectNode payload, Instant recordedAt) {
    // nothing known to add
  }

  /**
   * CardCollected v1 to v2: adds {@code collectedBy} = {@code HOLDER}. Before version 2 only the
   * holder could collect a card (S-PROXY-1 came with version 2), so that is what happened.
   */
  static void cardCollectedV1ToV2(ObjectNode payload, Instant recordedAt) {
    payload.put("collectedBy", "HOLDER");
  }

  /** The day in Beijing of {@code recordedAt}. */
  public static LocalDate applicationDateOf(Instant recordedAt) {
    return recordedAt.atZone(BEIJING).toLocalDate();
  }
}
