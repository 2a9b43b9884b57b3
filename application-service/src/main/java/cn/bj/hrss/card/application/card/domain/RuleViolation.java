package cn.bj.hrss.card.application.card.domain;

/**
 * A command refused by a business rule. Carries the rule id (from RULES.md, or a LIFECYCLE-* id of
 * this project), a message a citizen can read, and a detail for operators.
 */
public class RuleViolation extends RuntimeException {

  /** Whether the request itself is wrong, or it does not fit the card's current state. */
  public enum Kind {
    INVALID_INPUT,
    CONFLICT,
    FORBIDDEN
  }

  private final Kind kind;
  private final String ruleId;
  private final String citizenMessage;
  private final String field;

  public RuleViolation(Kind kind, String ruleId, String citizenMessage, String detail) {
    this(kind, ruleId, citizenMessage, detail, null);
  }

  private RuleViolation(
      Kind kind, String ruleId, String citizenMessage, String detail, String field) {
    super(ruleId + ": " + detail);
    this.kind = kind;
    this.ruleId = ruleId;
    this.citizenMessage = citizenMessage;
    this.field = field;
  }

  /** The same refusal, naming the request field at fault (for example applicant.idNumber). */
  public RuleViolation at(String field) {
    return new RuleViolation(kind, ruleId, citizenMessage, detail(), field);
  }

  /** The request field at fault, or null when the refusal is not about one field. */
  public String field() {
    return field;
  }

  public static RuleViolation invalidInput(String ruleId, String citizenMessage, String detail) {
    return new RuleViolation(Kind.INVALID_INPUT, ruleId, citizenMessage, detail);
  }

  public static RuleViolation forbidden(String ruleId, String citizenMessage, String detail) {
    return new RuleViolation(Kind.FORBIDDEN, ruleId, citizenMessage, detail);
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
