package cn.bj.hrss.card.bank.report;

import java.util.Set;

/**
 * What a bank reports, the application-service command it becomes, the event that command records
 * when accepted, and the channels it may come through.
 */
public enum ReportKind {
  /** The holder collected the card at an outlet (R-PICK-2): POST /cards/{id}/collection. */
  HANDED_OVER("collection", "CardCollected", Set.of("BANK_OUTLET", "BANK_OUTLET_INSTANT")),
  /** The bank delivered the card by mail or door to door: POST /cards/{id}/delivery. */
  DELIVERED("delivery", "CardDelivered", Set.of("BANK_API", "BANK_DOOR_TO_DOOR")),
  /**
   * The financial function was activated in person at an outlet of the issuing bank (R-PICK-3), or
   * on a door-to-door delivery (R-PICK-4): POST /cards/{id}/financial-function.
   */
  FINANCIAL_ACTIVATED(
      "financial-function",
      "FinancialFunctionActivated",
      Set.of("BANK_OUTLET", "BANK_OUTLET_INSTANT", "BANK_DOOR_TO_DOOR")),
  /** The social-security function was enabled at the counter: POST /cards/{id}/social-function. */
  SOCIAL_ENABLED(
      "social-function",
      "SocialFunctionEnabled",
      Set.of("BANK_OUTLET", "BANK_OUTLET_INSTANT", "BANK_DOOR_TO_DOOR")),
  /** A retiree moved the card to the reporting bank (R-BANK-6): POST /cards/{id}/bank-change. */
  BANK_CHANGED("bank-change", "IssuingBankChanged", Set.of("BANK_OUTLET", "BANK_OUTLET_INSTANT"));

  private final String commandPath;
  private final String eventType;
  private final Set<String> channels;

  ReportKind(String commandPath, String eventType, Set<String> channels) {
    this.commandPath = commandPath;
    this.eventType = eventType;
    this.channels = channels;
  }

  /** The last segment of application-service's command path. */
  public String commandPath() {
    return commandPath;
  }

  /** The event application-service records when it accepts the command. */
  public String eventType() {
    return eventType;
  }

  /** The channels (X-Channel) this report may come through. */
  public Set<String> channels() {
    return channels;
  }
}
