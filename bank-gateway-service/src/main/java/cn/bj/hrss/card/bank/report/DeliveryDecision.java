package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.relay.Answer;
import cn.bj.hrss.card.relay.CardHistory;
import cn.bj.hrss.card.relay.ReportRelay;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What an answer of application-service means for a bank report. Its commands are not idempotent: a
 * report whose answer was lost must not be recorded twice, and a 409 may mean "your earlier attempt
 * already did it". Every report is sent with its id as correlation id, and the card's history names
 * each event's correlation id, so the card tells whether the report was applied. The same decision
 * as card-production-service's factory reports (ADR 7), for the banks' kinds.
 */
public final class DeliveryDecision {

  private DeliveryDecision() {}

  /** What to do with a report after an answer. */
  public sealed interface Outcome {}

  /** Recorded by application-service (by this attempt or an earlier one). */
  public record Applied(String cardStatus, String detail) implements Outcome {}

  /** The card already shows this fact, recorded by another request; nothing to do. */
  public record Duplicate(String cardStatus, String detail) implements Outcome {}

  /** Refused for good, with application-service's rule. */
  public record Refused(ApiError refusal) implements Outcome {}

  /** Not settled; send again later. */
  public record Retry(String error) implements Outcome {}

  /**
   * A 400 or 409: read the card before calling the report refused. A resend may be refused only
   * because an earlier attempt of the same report, still in flight when the card was read before
   * sending, was applied since (a second bank change to the same bank is a 400, R-BANK-6).
   */
  public record CheckCard(ApiError refusal) implements Outcome {}

  /**
   * Before sending a report again: was it applied by an earlier attempt whose answer was lost?
   *
   * @return Applied if the card's history has the report's event with the report id as correlation
   *     id; Retry if the card could not be read; empty if it must be sent
   */
  public static Optional<Outcome> beforeResend(BankReport report, Answer card) {
    if (card.status() == 200) {
      return appliedBy(report, card.body()).map(o -> (Outcome) o);
    }
    if (card.status() == 404) {
      return Optional.empty(); // the command will say so, with its rule
    }
    return Optional.of(new Retry("reading the card answered " + card.status()));
  }

  /** What the answer to the command means. */
  public static Outcome afterCommand(Answer answer) {
    int status = answer.status();
    if (status >= 200 && status < 300) {
      return new Applied(answer.body().path("status").asText(null), null);
    }
    ApiError refusal = refusal(answer);
    if (status == 409 && "CONCURRENT-UPDATE".equals(refusal.rule())) {
      return new Retry("application-service: " + refusal.detail());
    }
    if (status == 409 || status == 400) {
      return new CheckCard(refusal);
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new Retry("application-service answered " + status + ": " + refusal.detail());
    }
    return new Refused(refusal);
  }

  /**
   * After a 400 or 409, with the card as application-service knows it: applied if its history names
   * this report; a duplicate if the card already shows the report's fact (another request recorded
   * it); otherwise refused.
   */
  public static Outcome afterConflict(BankReport report, ApiError refusal, Answer card) {
    if (card.status() == 404) {
      return new Refused(refusal);
    }
    if (card.status() != 200) {
      return new Retry("after a 409, reading the card answered " + card.status());
    }
    Optional<Applied> applied = appliedBy(report, card.body());
    if (applied.isPresent()) {
      return applied.get();
    }
    if (alreadyShows(report, card.body())) {
      return new Duplicate(
          card.body().path("status").asText(null),
          "the card already shows " + ReportKind.valueOf(report.kind()).eventType());
    }
    return new Refused(refusal);
  }

  private static boolean alreadyShows(BankReport report, JsonNode card) {
    boolean withThisBank = report.bankCode().equals(card.path("bankCode").asText(null));
    return switch (ReportKind.valueOf(report.kind())) {
      case HANDED_OVER, DELIVERED, SOCIAL_ENABLED ->
          CardHistory.hasEvent(card, ReportKind.valueOf(report.kind()).eventType());
      case FINANCIAL_ACTIVATED -> withThisBank && card.path("financialFunctionActive").asBoolean();
      case BANK_CHANGED -> withThisBank;
    };
  }

  /** Backoff before the next attempt: doubling from {@code firstMs}, at most {@code maxMs}. */
  public static long backoffMs(int attempts, long firstMs, long maxMs) {
    return ReportRelay.backoffMs(attempts, firstMs, maxMs);
  }

  private static Optional<Applied> appliedBy(BankReport report, JsonNode card) {
    String expected = ReportKind.valueOf(report.kind()).eventType();
    return CardHistory.eventOf(card, report.reportId(), expected)
        .map(
            event ->
                new Applied(
                    card.path("status").asText(null),
                    "recorded as " + expected + " #" + event.path("sequence").asLong()));
  }

  private static ApiError refusal(Answer answer) {
    JsonNode body = answer.body();
    return new ApiError(
        body.path("rule").asText("HTTP-" + answer.status()),
        body.path("message").asText(null),
        body.path("detail").asText("application-service answered " + answer.status()));
  }
}
