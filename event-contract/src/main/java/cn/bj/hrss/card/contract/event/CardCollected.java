package cn.bj.hrss.card.contract.event;

/**
 * The card was collected at the bank outlet (R-PICK-2): by the holder, or by a proxy (代领) with the
 * holder's written authorisation (S-PROXY-1). Version 2; version 1 had only {@code outletName} and
 * is upcast to a collection by the holder.
 *
 * @param outletName the outlet where it was handed over
 * @param collectedBy {@link #HOLDER} or {@link #PROXY}
 * @param proxy the proxy who collected it, masked (name 王*明, ID number 110105********002X); null
 *     for the holder
 * @param authorisation the number of the holder's written authorisation (授权委托书) the outlet checked
 *     and kept; null for the holder
 */
public record CardCollected(
    String outletName, String collectedBy, MaskedPerson proxy, String authorisation)
    implements CardEvent {

  public static final String HOLDER = "HOLDER";
  public static final String PROXY = "PROXY";

  /** A collection by the holder. */
  public CardCollected(String outletName) {
    this(outletName, HOLDER, null, null);
  }

  /** A person shown masked: what the event keeps of someone who is not the holder. */
  public record MaskedPerson(String name, String idNumber) {}
}
