package cn.bj.hrss.card.application.card.domain;

/**
 * A command refused by a business rule. Carries the rule id (from RULES.md, or a LIFECYCLE-* id of
 * this project), a message a citizen can read, and a detail for operators.
 */
public class RuleViolation extends RuntimeException {

  /** Whether the request itself is wrong, or it does not fit the card's current state. */
  public enum Kind {
    INVALID_INPUT,
    CONFLICT
  }

  private final Kind kind;
  private final String ruleId;
  private final String citizenMessage;

  public RuleViolation(Kind kind, String ruleId, String citizenMessage, String detail) {
    super(ruleId + ": " + detail);
    this.kind = kind;
    this.ruleId = ruleId;
    this.citizenMessage = citizenMessage;
  }

  public static RuleViolation invalidInput(String ruleId, String citizenMessage, String detail) {
    return new RuleViolation(Kind.INVALID_INPUT, ruleId, citizenMessage, detail);
  }

  public static RuleViolation conflict(String ruleId, String citizenMessage, String detail) {
    return new RuleViolation(Kind.CONFLICT, ruleId, citizenMessage, detail);
  }

  public Kind kind() {
    return kind;
  }

  public String ruleId() {
    return ruleId;
  }

  public String citizenMessage() {
    return citizenMessage;
  }

  /** The English detail, for operators and logs; contains no personal data. */
  public String detail() {
    return getMessage().substring(ruleId.length() + 2);
  }
}
