package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.relay.Answer;
import cn.bj.hrss.card.relay.CardHistory;
import cn.bj.hrss.card.relay.ReportRelay;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What an answer of application-service means for a factory report. application-service's commands
 * are not idempotent: a report whose first answer was lost (a timeout, a restart) must not be
 * recorded twice, and a 409 may mean "your earlier attempt already did it". Every report is sent
 * with its id as correlation id, and the card's history names the correlation id of each event, so
 * the card itself tells whether the report was applied.
 */
public final class DeliveryDecision {

  private DeliveryDecision() {}

  /** What to do with a report after an answer. */
  public sealed interface Outcome {}

  /** Recorded by application-service (by this attempt or an earlier one). */
  public record Applied(String cardStatus, String detail) implements Outcome {}

  /** The same fact was already recorded by another request; nothing to do. */
  public record Duplicate(String cardStatus, String detail) implements Outcome {}

  /** Refused for good; the operator sees why. */
  public record Refused(ApiError refusal) implements Outcome {}

  /** Not settled; send again later. */
  public record Retry(String error) implements Outcome {}

  /** A 409: read the card before calling the report refused. */
  public record CheckCard(ApiError refusal) implements Outcome {}

  /**
   * Before sending a report again: was it applied by an earlier attempt whose answer was lost?
   *
   * @return Applied if the card's history has an event of the report's kind with the report's id as
   *     correlation id; Retry if the card could not be read; empty if it must be sent
   */
  public static Optional<Outcome> beforeResend(FactoryReport report, Answer card) {
    if (card.status() == 200) {
      return appliedBy(report, card.body()).map(o -> (Outcome) o);
    }
    if (card.status() == 404) {
      return Optional.empty(); // the command will say so, with its rule
    }
    return Optional.of(
        new Retry("reading the card answered " + card.status() + ": " + card.body()));
  }

  /** What the answer to the command means. */
  public static Outcome afterCommand(FactoryReport report, Answer answer) {
    int status = answer.status();
    if (status >= 200 && status < 300) {
      return new Applied(answer.body().path("status").asText(null), null);
    }
    ApiError refusal = refusal(answer);
    if (status == 409 && "CONCURRENT-UPDATE".equals(refusal.rule())) {
      return new Retry("application-service: " + refusal.detail());
    }
    if (status == 409) {
      return new CheckCard(refusal);
    }
    if (status == 400 || status == 404) {
      return new Refused(refusal);
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new Retry("application-service answered " + status + ": " + refusal.detail());
    }
    return new Refused(refusal);
  }

  /**
   * After a 409, with the card as application-service knows it: applied if the card's history names
   * this report; a duplicate if the card already has this very card number (a produced report sent
   * twice under two references); otherwise refused.
   */
  public static Outcome afterConflict(FactoryReport report, ApiError refusal, Answer card) {
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
    JsonNode body = card.body();
    if (ReportKind.PRODUCED.name().equals(report.kind())
        && report.cardNumber().equals(body.path("cardNumber").asText(null))
        && CardHistory.hasEvent(body, ReportKind.PRODUCED.eventType())) {
      return new Duplicate(
          body.path("status").asText(null),
          "card number " + report.cardNumber() + " was already recorded by another request");
    }
    return new Refused(refusal);
  }

  /** Backoff before the next attempt: doubling from {@code firstMs}, at most {@code maxMs}. */
  public static long backoffMs(int attempts, long firstMs, long maxMs) {
    return ReportRelay.backoffMs(attempts, firstMs, maxMs);
  }

  private static Optional<Applied> appliedBy(FactoryReport report, JsonNode card) {
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
