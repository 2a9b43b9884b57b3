package cn.bj.hrss.card.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What one kind of report brings to {@link CommandDelivery}: the command it becomes, who sends it,
 * and how the card tells that it already shows the report's fact. Everything else (when to read the
 * card, which answers are final, how an outcome is recorded) is the same for every kind (ADR 25).
 *
 * @param <R> a stored report
 */
public interface ReportPolicy<R extends StoredReport> {

  /** The card the report is about. */
  String cardId(R report);

  /** The command's path under the card, e.g. {@code production}. */
  String commandPath(R report);

  /** The event application-service records when it accepts the command, e.g. CardProduced. */
  String eventType(R report);

  /** Who sends the command; its correlation id is the report's id. */
  Caller caller(R report);

  /**
   * The command's JSON body.
   *
   * @throws IOException when something the body needs cannot be read now (the report waits)
   */
  ObjectNode body(R report) throws IOException;

  /**
   * Whether the card's view ({@code GET /cards/{id}}) already shows the report's fact, recorded by
   * another request: then a refused command is a duplicate, not a refusal.
   */
  boolean alreadyShows(R report, JsonNode card);
}
