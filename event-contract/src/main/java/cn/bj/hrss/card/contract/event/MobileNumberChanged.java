package cn.bj.hrss.card.contract.event;

/**
 * The mobile number the card's notices go to was changed (S-MOBILE-1): the holder's own, or, for a
 * minor, the guardian's. Later notices go to the new number; the old number is told once that it no
 * longer receives them. Personal data: consumers mask it wherever it is shown.
 *
 * @param of {@link #HOLDER} or {@link #GUARDIAN}: whose number this is
 * @param mobile the new mainland mobile number (11 digits, optionally prefixed +86 or 0086)
 */
public record MobileNumberChanged(String of, String mobile) implements CardEvent {

  public static final String HOLDER = "HOLDER";
  public static final String GUARDIAN = "GUARDIAN";
}
