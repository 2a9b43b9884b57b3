package cn.bj.hrss.card.application.card.domain;

import java.util.function.Predicate;

/** Matches a {@link RuleViolation} with the given rule id. */
final class RuleViolationMatcher implements Predicate<Object> {

  private final String ruleId;

  RuleViolationMatcher(String ruleId) {
    this.ruleId = ruleId;
  }

  @Override
  public boolean test(Object candidate) {
    return candidate instanceof RuleViolation violation && violation.ruleId().equals(ruleId);
  }

  @Override
  public String toString() {
    return "a RuleViolation of " + ruleId;
  }
}
