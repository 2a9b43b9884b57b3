package cn.bj.hrss.card.identity;

/**
 * The roles a signed token may carry in its {@code groups} claim (issue 8, ADR 16). Each endpoint
 * of the suite names the roles it admits; a token's {@code sub} says who within the role calls.
 */
public final class Roles {

  /** A citizen acting for themself, or as guardian of a minor; {@code sub} is the ID number. */
  public static final String CITIZEN = "citizen";

  /** An employer acting for its own staff; {@code sub} is the organisation id. */
  public static final String EMPLOYER = "employer";

  /** A university acting for its own students; {@code sub} is the organisation id. */
  public static final String UNIVERSITY = "university";

  /** A community (village) helper applying door to door for retirees (R-CHAN-1). */
  public static final String COMMUNITY = "community";

  /** A partner bank, for its own applicants only; {@code sub} is the bank's code, e.g. ICBC. */
  public static final String BANK = "bank";

  /** A card factory reporting production and dispatch; {@code sub} is the factory's id. */
  public static final String CARD_FACTORY = "card-factory";

  /** A bureau operator: runs the programme, may act on any card. */
  public static final String OPERATOR = "operator";

  /** An auditor: reads everything, writes nothing. */
  public static final String AUDITOR = "auditor";

  /**
   * bank-gateway-service delivering a bank's stored report to application-service: it acts for the
   * bank it names (X-Actor-Id), and only as a bank.
   */
  public static final String BANK_GATEWAY_SERVICE = "bank-gateway-service";

  /**
   * card-production-service delivering a factory's stored report to application-service: it acts
   * for the factory it names, and only as a card factory.
   */
  public static final String CARD_PRODUCTION_SERVICE = "card-production-service";

  private Roles() {}
}
