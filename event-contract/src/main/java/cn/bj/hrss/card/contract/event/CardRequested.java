package cn.bj.hrss.card.contract.event;

/**
 * A person's application for a third-generation card was accepted (申领).
 *
 * @param cardId the id of the card application; also the envelope's card id
 * @param applicant who the card is for
 * @param bankCode short code of the issuing cooperating bank (R-BANK-1), for example ICBC
 * @param collection how the holder will receive the card (R-PICK-1)
 */
public record CardRequested(
    String cardId, Applicant applicant, String bankCode, Collection collection)
    implements CardEvent {}
