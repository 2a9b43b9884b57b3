package cn.bj.hrss.card.contract.event;

/**
 * The person the card is issued to. Personal data: consumers mask it wherever it is shown.
 *
 * @param idNumber 18-character resident identity card number (GB 11643-1999)
 * @param name full name as on the identity card
 * @param mobile mainland mobile number: 11 digits, optionally prefixed +86 or 0086; the holder's
 *     (or the guardian's, for a minor)
 */
public record Applicant(String idNumber, String name, String mobile) {}
