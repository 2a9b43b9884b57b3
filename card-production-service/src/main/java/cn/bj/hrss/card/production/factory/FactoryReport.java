package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.relay.StoredReport;
import java.time.Instant;

/**
 * A stored factory report and what became of it.
 *
 * @param reportId the report's id; sent to application-service as X-Correlation-Id, so the event it
 *     causes names it
 * @param state PENDING (stored, being delivered), APPLIED (application-service recorded it),
 *     DUPLICATE (the same fact was already recorded by another request), REFUSED
 *     (application-service refused it for good; see outcomeRule)
 * @param attempts how many times it was sent so far
 * @param nextAttemptAt when a PENDING report is sent next
 * @param lastError why the last attempt did not settle it (application-service down, slow, ...)
 * @param outcomeRule for REFUSED: the rule application-service named (e.g. LIFECYCLE-ORDER)
 * @param cardStatus for APPLIED: the card's status application-service answered
 */
public record FactoryReport(
    String reportId,
    long seq,
    String factoryId,
    String reference,
    String cardId,
    String kind,
    String cardNumber,
    String reason,
    String method,
    String trackingNumber,
    String outletName,
    Instant receivedAt,
    String state,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    String outcomeRule,
    String outcomeMessage,
    String outcomeDetail,
    String cardStatus,
    Instant decidedAt)
    implements StoredReport {

  /** Whether this report and a line carry the same facts (a repeated reference must). */
  boolean sameFactsAs(String factory, ReportLine line) {
    return factoryId.equals(factory)
        && cardId.equals(line.cardId())
        && kind.equals(line.kind())
        && java.util.Objects.equals(cardNumber, line.cardNumber())
        && java.util.Objects.equals(reason, line.reason())
        && java.util.Objects.equals(method, line.method())
        && java.util.Objects.equals(trackingNumber, line.trackingNumber())
        && java.util.Objects.equals(outletName, line.outletName());
  }
}
