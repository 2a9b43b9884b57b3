package cn.bj.hrss.card.contract.event;

/**
 * The first event of a replacement card: made and handed over on the spot at an instant-issuance
 * outlet of the issuing bank (R-LOSS-1, R-SLA-2). The holder then enables it as any new card.
 * Version 2; version 1 had neither {@code category} nor {@code oldCardStillValid} and is upcast
 * (docs/event-contract.md).
 *
 * @param cardId the new card's id; also the envelope's card id
 * @param replacesCardId the card it replaces
 * @param applicant the holder
 * @param bankCode the issuing bank, the same as the replaced card's
 * @param cardNumber the new card's number
 * @param outletName the instant-issuance outlet where it was handed over
 * @param reason LOST or DAMAGED
 * @param category the holder's insured category (R-ELIG-2), the replaced card's: a retiree stays a
 *     retiree and may still change bank (R-BANK-6). Absent in an event upcast from version 1 (not
 *     known then)
 * @param oldCardStillValid whether the holder's first- or second-generation card is still valid
 *     (the replaced card was an exchange not yet enabled), so that enabling this card invalidates
 *     it (R-OLD-2). Version 1 events are upcast to false
 */
public record ReplacementCardIssued(
    String cardId,
    String replacesCardId,
    Applicant applicant,
    String bankCode,
    String cardNumber,
    String outletName,
    String reason,
    String category,
    boolean oldCardStillValid)
    implements CardEvent {

  /** The version 1 shape, as it is upcast: no category, no old card left to invalidate. */
  public ReplacementCardIssued(
      String cardId,
      String replacesCardId,
      Applicant applicant,
      String bankCode,
      String cardNumber,
      String outletName,
      String reason) {
    this(cardId, replacesCardId, applicant, bankCode, cardNumber, outletName, reason, null, false);
  }
}
