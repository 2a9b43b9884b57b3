package cn.bj.hrss.card.bank.report;

/**
 * One report as stored, checked and normalised by {@link ReportRules}.
 *
 * @param reference the bank's own id of the report (optional): sending it again with the same facts
 *     gives the same report, not a second one
 * @param cardId the card; for a bank change, the card found by its number and its holder's ID
 * @param kind what happened
 * @param channel the channel it is sent to application-service through (X-Channel)
 * @param outletName the outlet, where the kind has one
 * @param method for DELIVERED: MAIL or DOOR_TO_DOOR
 * @param cardNumber for BANK_CHANGED: the number printed on the card, as presented
 */
public record ReportLine(
    String reference,
    String cardId,
    ReportKind kind,
    String channel,
    String outletName,
    String method,
    String cardNumber) {}
