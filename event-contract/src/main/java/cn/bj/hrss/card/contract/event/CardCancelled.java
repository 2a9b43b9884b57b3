package cn.bj.hrss.card.contract.event;

/**
 * The card's life ended (S-END-1): its holder died or emigrated, as the registry of insured persons
 * says or an operator decided with a reason. Every pending step stops (no production, no dispatch,
 * no activation) and no later notice is sent about it.
 *
 * @param reason {@link #DECEASED}, {@link #EMIGRATED} or {@link #OTHER}
 * @param source {@link #REGISTRY} (the insured registry's import) or {@link #OPERATOR}
 * @param note the operator's reason in words; null from the registry. Never personal data of the
 *     holder beyond what the reason says
 */
public record CardCancelled(String reason, String source, String note) implements CardEvent {

  public static final String DECEASED = "DECEASED";
  public static final String EMIGRATED = "EMIGRATED";
  public static final String OTHER = "OTHER";
  public static final String REGISTRY = "REGISTRY";
  public static final String OPERATOR = "OPERATOR";
}
