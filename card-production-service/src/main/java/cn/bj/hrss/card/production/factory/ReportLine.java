package cn.bj.hrss.card.production.factory;

/**
 * One report as the factory sends it: a line of a batch file, or the body of a single report.
 *
 * @param reference the factory's own id of the report (optional): sending the same reference again
 *     is recognised and gives the same report, not a second one
 * @param cardId the card (application) the report is about
 * @param kind PRODUCED, PRODUCTION_FAILED or DISPATCHED
 * @param cardNumber for PRODUCED: the 9-character card number, {@code [0-9A-Z]{9}}
 * @param reason for PRODUCTION_FAILED: why production failed (no personal data)
 * @param method for DISPATCHED: MAIL, OUTLET_PICKUP or DOOR_TO_DOOR
 * @param trackingNumber for DISPATCHED by MAIL: the courier's tracking number
 * @param outletName for DISPATCHED to OUTLET_PICKUP: the outlet where the card waits
 */
public record ReportLine(
    String reference,
    String cardId,
    String kind,
    String cardNumber,
    String reason,
    String method,
    String trackingNumber,
    String outletName) {}
