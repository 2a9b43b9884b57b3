package cn.bj.hrss.card.application.card.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the card was collected at a bank outlet (R-PICK-2): by the holder, or by a proxy (代领)
 * with the holder's written authorisation (S-PROXY-1).
 *
 * @param proxy who collected it for the holder, as the outlet checked their ID card; null for the
 *     holder
 * @param authorisation the number of the holder's written authorisation the outlet kept; given
 *     exactly when {@code proxy} is
 */
public record RecordCardCollected(
    @TargetAggregateIdentifier String cardId,
    String outletName,
    Proxy proxy,
    String authorisation) {

  /** A collection by the holder. */
  public RecordCardCollected(String cardId, String outletName) {
    this(cardId, outletName, null, null);
  }

  /** The proxy as named on their resident identity card (personal data: never logged). */
  public record Proxy(String name, String idNumber) {}
}
