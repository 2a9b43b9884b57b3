package cn.bj.hrss.card.bank.card;

import java.time.Instant;

/**
 * A card as its issuing bank sees it. The bank needs the applicant's name, ID number and mobile to
 * make the card and open the account, so they are not masked here; this view is only ever given to
 * the card's own bank.
 *
 * @param status REQUESTED, PRODUCED, DISPATCHED, COLLECTED, DELIVERED or ACTIVE
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
    Instant requestedAt,
    Instant updatedAt) {}
