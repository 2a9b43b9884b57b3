package cn.bj.hrss.card.contract.event;

/**
 * The card left the factory towards its holder, by the method the holder chose. Version 2; version
 * 1 had no {@code outlet} and is upcast without one (docs/event-contract.md).
 *
 * @param method the collection method the dispatch serves; equals the one chosen at application
 * @param trackingNumber the courier's tracking number, for {@link CollectionMethod#MAIL}, in one of
 *     the carriers' formats ({@link TrackingNumber}); else null. An event upcast from version 1
 *     carries it as the factory wrote it
 * @param outletName where the card waits, for {@link CollectionMethod#OUTLET_PICKUP}; else null.
 *     From version 2 the registered name, equal to {@code outlet.name}
 * @param outlet the pickup outlet as the outlet reference data registers it (name and address),
 *     resolved by application-service when it recorded the dispatch, for {@link
 *     CollectionMethod#OUTLET_PICKUP}; else null. Absent in an event upcast from version 1 (not
 *     checked then): a notice names an outlet only from this field
 */
public record CardDispatched(
    CollectionMethod method, String trackingNumber, String outletName, RegisteredOutlet outlet)
    implements CardEvent {

  /** The version 1 shape, as it is upcast: the outlet was not resolved from reference data. */
  public CardDispatched(CollectionMethod method, String trackingNumber, String outletName) {
    this(method, trackingNumber, outletName, null);
  }
}
