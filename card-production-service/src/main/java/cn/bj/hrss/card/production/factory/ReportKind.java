package cn.bj.hrss.card.production.factory;

/**
 * What the card factory reports, the application-service command it becomes, and the event that
 * command records when accepted.
 */
public enum ReportKind {
  /** The card was produced, with its 9-character number: POST /cards/{id}/production. */
  PRODUCED("production", "CardProduced"),
  /** Production failed, with the reason: POST /cards/{id}/production-failure. */
  PRODUCTION_FAILED("production-failure", "CardProductionFailed"),
  /** The card left the factory (mail, outlet, door-to-door): POST /cards/{id}/dispatch. */
  DISPATCHED("dispatch", "CardDispatched");

  private final String commandPath;
  private final String eventType;

  ReportKind(String commandPath, String eventType) {
    this.commandPath = commandPath;
    this.eventType = eventType;
  }

  /** The last segment of application-service's command path. */
  public String commandPath() {
    return commandPath;
  }

  /** The event application-service records when it accepts the command. */
  public String eventType() {
    return eventType;
  }
}
