package cn.bj.hrss.card.contract.event;

/**
 * The holder (or their guardian, or the employer or university of a collective application) changed
 * the application before the card was produced (S-CHANGE-1): the issuing bank, the collection
 * method, the mailing address or the pickup outlet. The payload carries the whole application as it
 * stands after the change, so a reader needs no earlier event to know it.
 *
 * @param fromBankCode the issuing bank before the change
 * @param bankCode the issuing bank after the change (equal to {@code fromBankCode} when the bank
 *     did not change)
 * @param collection how the holder receives the card after the change (R-PICK-1)
 * @param outlet the registered outlet of an {@link CollectionMethod#OUTLET_PICKUP} collection, as
 *     application-service's reference data registers it (ADR 23); null otherwise
 */
public record ApplicationChanged(
    String fromBankCode, String bankCode, Collection collection, RegisteredOutlet outlet)
    implements CardEvent {

  /** Whether the change moved the card to another bank. */
  public boolean bankChanged() {
    return !fromBankCode.equals(bankCode);
  }
}
