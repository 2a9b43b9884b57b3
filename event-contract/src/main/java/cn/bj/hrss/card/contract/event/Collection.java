package cn.bj.hrss.card.contract.event;

/**
 * How the holder chose to receive the card (R-PICK-1).
 *
 * @param method pickup at an outlet, mail, or bank door-to-door delivery
 * @param outletName the chosen bank outlet, for {@link CollectionMethod#OUTLET_PICKUP}; else null
 * @param address the postal address, for {@link CollectionMethod#MAIL} and {@link
 *     CollectionMethod#DOOR_TO_DOOR}; else null
 */
public record Collection(CollectionMethod method, String outletName, String address) {}
