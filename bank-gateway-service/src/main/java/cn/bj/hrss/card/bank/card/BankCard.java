package cn.bj.hrss.card.bank.card;

import java.time.Instant;

/**
 * A card as its issuing bank sees it. The bank needs the applicant's name, ID number and mobile to
 * make the card and open the account, so they are not masked here; this view is only ever given to
 * the card's own bank.
 *
 * @param bankCode the bank that issues the card now (after a retiree's bank change, R-BANK-6, the
 *     new one)
 * @param status REQUESTED, PRODUCTION_FAILED, PRODUCED, DISPATCHED, MAIL_RETURNED (waiting at the
 *     outlet after the mail failed), RETURNED_TO_BANK (past its pickup period, at the central
 *     store), COLLECTED, DELIVERED, ACTIVE, REPLACED, WITHDRAWN or CANCELLED
 * @param financialActive whether the financial function is active with this bank
 * @param reportedLost whether the card is blocked by a loss report (挂失)
 * @param replacesCardId for a replacement card, the card it replaces
 * @param replacedBy for a replaced card, its replacement
 */
public record BankCard(
    String cardId,
    String bankCode,
    String status,
    String applicantName,
    String idNumber,
    String mobile,
    String collectionMethod,
    String outletName,
    String address,
    String cardNumber,
    String trackingNumber,
    boolean financialActive,
    boolean reportedLost,
    String replacesCardId,
    String replacedBy,
    Instant requestedAt,
    Instant updatedAt) {}
