package cn.bj.hrss.card.contract.event;

/**
 * The card left the factory towards its holder, by the method the holder chose.
 *
 * @param method the collection method the dispatch serves; equals the one chosen at application
 * @param trackingNumber the courier's tracking number, for {@link CollectionMethod#MAIL}; else null
 * @param outletName where the card waits, for {@link CollectionMethod#OUTLET_PICKUP}; else null
 */
public record CardDispatched(CollectionMethod method, String trackingNumber, String outletName)
    implements CardEvent {}
