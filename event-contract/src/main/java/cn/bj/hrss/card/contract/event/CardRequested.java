package cn.bj.hrss.card.contract.event;

/**
 * A person's application for a third-generation card was accepted (申领).
 *
 * @param cardId the id of the card application; also the envelope's card id
 * @param applicant who the card is for
 * @param bankCode short code of the issuing cooperating bank (R-BANK-1), for example ICBC
 * @param collection how the holder will receive the card (R-PICK-1)
 * @param category the applicant's insured category (R-ELIG-2): EMPLOYED_STAFF, MINOR,
 *     COLLEGE_STUDENT, FLEXIBLE_WORKER, URBAN_RURAL_RESIDENT or RETIREE; added in version 1 as an
 *     optional field (absent in events written before it)
 * @param guardian the parent or guardian who applied for a minor (R-BANK-4) and receives the card's
 *     notices; null otherwise
 */
public record CardRequested(
    String cardId,
    Applicant applicant,
    String bankCode,
    Collection collection,
    String category,
    Applicant guardian)
    implements CardEvent {}
