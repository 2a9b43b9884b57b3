package cn.bj.hrss.card.contract.event;

/**
 * The holder enabled the card's social-security function (启用). Version 2; version 1 had no {@code
 * oldCardInvalidated} and is upcast with {@code true} (docs/event-contract.md).
 *
 * @param cardNumber the number of the card now in use
 * @param oldCardInvalidated whether the holder's first- or second-generation card stops working at
 *     this moment (R-OLD-2): true for an exchange (换领), then {@link OldCardInvalidated} follows at
 *     the same instant; false for a first issue (新发) and for a replacement card whose holder's old
 *     card was already invalid. Every version 1 event was followed by OldCardInvalidated: upcast to
 *     true
 */
public record SocialFunctionEnabled(String cardNumber, boolean oldCardInvalidated)
    implements CardEvent {

  /** The version 1 shape: an enabling that invalidated an old card, as version 1 is upcast. */
  public SocialFunctionEnabled(String cardNumber) {
    this(cardNumber, true);
  }
}
