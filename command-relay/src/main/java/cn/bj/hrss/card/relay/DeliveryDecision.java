package cn.bj.hrss.card.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What an answer of application-service means for a report, whatever its kind (ADR 7, ADR 25).
 * application-service's commands are not idempotent: a report whose answer was lost must not be
 * recorded twice, and a refusal may mean "an earlier attempt of this report already did it". Every
 * report is sent with its id as correlation id and the card's history names each event's
 * correlation id, so the card itself tells whether the report was applied.
 *
 * <p>A refusal (400 or 409) is checked against the card before it is called final: which of the
 * aggregate's checks refuses a command that was already applied (a 409 for a state, or a 400 as for
 * a second bank change to the same bank, R-BANK-6) is the aggregate's business, not the delivery's.
 */
public final class DeliveryDecision {

  private DeliveryDecision() {}

  /** What to do with a report after an answer. */
  public sealed interface Outcome {}

  /** Recorded by application-service (by this attempt or an earlier one). */
  public record Applied(String cardStatus, String detail) implements Outcome {}

  /** The card already shows this fact, recorded by another request; nothing to do. */
  public record Duplicate(String cardStatus, String detail) implements Outcome {}

  /** Refused for good, with application-service's rule, its message and its detail. */
  public record Refused(String rule, String message, String detail) implements Outcome {}

  /** Not settled; send again later. */
  public record Retry(String error) implements Outcome {}

  /** A 400 or 409: read the card before calling the report refused. */
  public record CheckCard(Refused refusal) implements Outcome {}

  /**
   * Before sending a report again: was it applied by an earlier attempt whose answer was lost?
   *
   * @return Applied if the card's history has the report's event with the report's id as
   *     correlation id; Retry if the card could not be read; empty if it must be sent
   */
  public static <R extends StoredReport> Optional<Outcome> beforeResend(
      ReportPolicy<R> policy, R report, Answer card) {
    if (card.status() == 200) {
      return appliedBy(policy, report, card.body()).map(o -> (Outcome) o);
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
    Refused refusal = refusal(answer);
    if (status == 409 && "CONCURRENT-UPDATE".equals(refusal.rule())) {
      return new Retry("application-service: " + refusal.detail());
    }
    if (status == 409 || status == 400) {
      return new CheckCard(refusal);
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new Retry("application-service answered " + status + ": " + refusal.detail());
    }
    return refusal;
  }

  /**
   * After a 400 or 409, with the card as application-service knows it: applied if its history names
   * this report; a duplicate if the card already shows the report's fact (another request recorded
   * it); otherwise refused with application-service's rule.
   */
  public static <R extends StoredReport> Outcome afterRefusal(
      ReportPolicy<R> policy, R report, Refused refusal, Answer card) {
    if (card.status() == 404) {
      return refusal;
    }
    if (card.status() != 200) {
      return new Retry("after a refusal, reading the card answered " + card.status());
    }
    Optional<Applied> applied = appliedBy(policy, report, card.body());
    if (applied.isPresent()) {
      return applied.get();
    }
    if (policy.alreadyShows(report, card.body())) {
      return new Duplicate(
          card.body().path("status").asText(null),
          "the card already shows " + policy.eventType(report) + ", recorded by another request");
    }
    return refusal;
  }

  private static <R extends StoredReport> Optional<Applied> appliedBy(
      ReportPolicy<R> policy, R report, JsonNode card) {
    String expected = policy.eventType(report);
    return CardHistory.eventOf(card, report.reportId(), expected)
        .map(
            event ->
                new Applied(
                    card.path("status").asText(null),
                    "recorded as " + expected + " #" + event.path("sequence").asLong()));
  }

  private static Refused refusal(Answer answer) {
    JsonNode body = answer.body();
    return new Refused(
        body.path("rule").asText("HTTP-" + answer.status()),
        body.path("message").asText(null),
        body.path("detail").asText("application-service answered " + answer.status()));
  }
}
