package cn.bj.hrss.card.contract.event;

/**
 * The carrier could not deliver a mailed card, or it came back (S-MAIL-2). The card goes to a
 * registered outlet of the issuing bank, where the holder collects it (R-PICK-2): from this event
 * on, the card's collection is {@link CollectionMethod#OUTLET_PICKUP} at that outlet, and its
 * pickup period (S-PICKUP-1) starts.
 *
 * @param trackingNumber the tracking number of the failed mail
 * @param reason {@link #UNDELIVERABLE} (address not found, nobody to receive it) or {@link
 *     #RETURNED} (refused, or not collected from the post office)
 * @param outlet the registered outlet of the issuing bank the card now waits at (ADR 23)
 */
public record MailReturned(String trackingNumber, String reason, RegisteredOutlet outlet)
    implements CardEvent {

  public static final String UNDELIVERABLE = "UNDELIVERABLE";
  public static final String RETURNED = "RETURNED";
}
