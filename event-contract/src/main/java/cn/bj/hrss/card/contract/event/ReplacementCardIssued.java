package cn.bj.hrss.card.contract.event;

/**
 * The first event of a replacement card: made and handed over on the spot at an instant-issuance
 * outlet of the issuing bank (R-LOSS-1, R-SLA-2). The holder then enables it as any new card.
 *
 * @param cardId the new card's id; also the envelope's card id
 * @param replacesCardId the card it replaces
 * @param applicant the holder
 * @param bankCode the issuing bank, the same as the replaced card's
 * @param cardNumber the new card's number
 * @param outletName the instant-issuance outlet where it was handed over
 * @param reason LOST or DAMAGED
 */
public record ReplacementCardIssued(
    String cardId,
    String replacesCardId,
    Applicant applicant,
    String bankCode,
    String cardNumber,
    String outletName,
    String reason)
    implements CardEvent {}
