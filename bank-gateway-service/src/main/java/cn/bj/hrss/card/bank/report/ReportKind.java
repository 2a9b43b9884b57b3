package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.contract.event.Channel;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a bank reports, the application-service command it becomes, the event that command records
 * when accepted, and the channels it may come through.
 */
public enum ReportKind {
  /** The holder collected the card at an outlet (R-PICK-2): POST /cards/{id}/collection. */
  HANDED_OVER(
      "collection", "CardCollected", names(Channel.BANK_OUTLET, Channel.BANK_OUTLET_INSTANT)),
  /** The bank delivered the card by mail or door to door: POST /cards/{id}/delivery. */
  DELIVERED("delivery", "CardDelivered", names(Channel.BANK_API, Channel.BANK_DOOR_TO_DOOR)),
  /**
   * The financial function was activated in person at an outlet of the issuing bank (R-PICK-3), or
   * on a door-to-door delivery (R-PICK-4): POST /cards/{id}/financial-function.
   */
  FINANCIAL_ACTIVATED(
      "financial-function",
      "FinancialFunctionActivated",
      names(Channel.BANK_OUTLET, Channel.BANK_OUTLET_INSTANT, Channel.BANK_DOOR_TO_DOOR)),
  /** The social-security function was enabled at the counter: POST /cards/{id}/social-function. */
  SOCIAL_ENABLED(
      "social-function",
      "SocialFunctionEnabled",
      names(Channel.BANK_OUTLET, Channel.BANK_OUTLET_INSTANT, Channel.BANK_DOOR_TO_DOOR)),
  /** A retiree moved the card to the reporting bank (R-BANK-6): POST /cards/{id}/bank-change. */
  BANK_CHANGED(
      "bank-change", "IssuingBankChanged", names(Channel.BANK_OUTLET, Channel.BANK_OUTLET_INSTANT));

  private static Set<String> names(Channel... channels) {
    return Arrays.stream(channels).map(Channel::name).collect(Collectors.toUnmodifiableSet());
  }

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
