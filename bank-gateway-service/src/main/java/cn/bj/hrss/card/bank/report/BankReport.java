package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.relay.StoredReport;
import java.time.Instant;

/**
 * A stored bank report and what became of it.
 *
 * @param reportId sent to application-service as X-Correlation-Id, so the event it causes names it
 * @param state PENDING (stored, being delivered), APPLIED (recorded by application-service, by this
 *     report), DUPLICATE (the card already showed this fact, recorded by another request), REFUSED
 *     (refused for good: see outcomeRule)
 * @param outcomeDetail application-service's English detail: for operators only
 */
public record BankReport(
    String reportId,
    long seq,
    String bankCode,
    String reference,
    String cardId,
    String kind,
    String channel,
    String outletName,
    String method,
    String cardNumber,
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
  boolean sameFactsAs(ReportLine line) {
    return java.util.Objects.equals(cardId, line.cardId())
        && kind.equals(line.kind().name())
        && channel.equals(line.channel())
        && java.util.Objects.equals(outletName, line.outletName())
        && java.util.Objects.equals(method, line.method())
        && java.util.Objects.equals(cardNumber, line.cardNumber());
  }

  /**
   * The report as its bank sees it: the refusal's rule and message, not application-service's
   * detail; and, for a bank change not (yet) applied, no card id, since the card is then another
   * bank's.
   */
  public View view() {
    boolean cardIsTheirs =
        !ReportKind.BANK_CHANGED.name().equals(kind)
            || "APPLIED".equals(state)
            || "DUPLICATE".equals(state);
    return new View(
        reportId,
        reference,
        kind,
        cardIsTheirs ? cardId : null,
        channel,
        outletName,
        method,
        cardNumber,
        state,
        outcomeRule,
        outcomeMessage,
        receivedAt,
        decidedAt);
  }

  /** A report as the reporting bank sees it. */
  public record View(
      String reportId,
      String reference,
      String kind,
      String cardId,
      String channel,
      String outletName,
      String method,
      String cardNumber,
      String state,
      String rule,
      String message,
      Instant receivedAt,
      Instant decidedAt) {}
}
