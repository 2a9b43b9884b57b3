package cn.bj.hrss.card.notification.observability;

import cn.bj.hrss.card.notification.antifraud.AntiFraudPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * The SMS counters of {@code /q/metrics} (Micrometer's global registry, which Quarkus's registry is
 * part of). Tags are codes from a small fixed set: never a mobile, a name or a text.
 *
 * <ul>
 *   <li>{@code sms.sent}: messages the gateway accepted;
 *   <li>{@code sms.blocked{reason, stage}}: messages never sent because a rule refused them; {@code
 *       reason} is the rule (R-FRAUD-1, R-FRAUD-2, SMS-FORMAT, R-PICK-2, NO-MOBILE, MISSING-VALUE,
 *       OTHER), {@code stage} is {@code recorded} (when the event made it) or {@code sending} (the
 *       check again right before it goes);
 *   <li>{@code sms.failed{status}}: messages that ended unsent, REJECTED by the gateway or FAILED
 *       after the maximum attempts.
 * </ul>
 */
public final class SmsMetrics {

  public static final String SENT = "sms.sent";
  public static final String BLOCKED = "sms.blocked";
  public static final String FAILED = "sms.failed";

  private SmsMetrics() {}

  public static void sent() {
    Counter.builder(SENT)
        .description("SMS accepted by the gateway")
        .register(Metrics.globalRegistry)
        .increment();
  }

  /** A message blocked when recorded or before sending; {@code reason} as the record keeps it. */
  public static void blocked(String stage, String reason) {
    Counter.builder(BLOCKED)
        .description("SMS never sent because a rule refused them")
        .tag("reason", reasonCode(reason))
        .tag("stage", stage)
        .register(Metrics.globalRegistry)
        .increment();
  }

  public static void failed(String status) {
    Counter.builder(FAILED)
        .description("SMS that ended unsent: REJECTED by the gateway or FAILED after retries")
        .tag("status", status)
        .register(Metrics.globalRegistry)
        .increment();
  }

  /**
   * The rule code that starts a block reason ("R-FRAUD-1: ...; SMS-FORMAT: ..." gives R-FRAUD-1),
   * one of a fixed set, so that no free text (which might carry a value of the event) becomes a
   * tag.
   */
  static String reasonCode(String reason) {
    if (reason == null) {
      return "UNKNOWN";
    }
    for (String rule :
        new String[] {
          AntiFraudPolicy.LINK_RULE,
          AntiFraudPolicy.SENSITIVE_RULE,
          AntiFraudPolicy.FORMAT_RULE,
          "R-PICK-2"
        }) {
      if (reason.startsWith(rule + ":") || reason.equals(rule)) {
        return rule;
      }
    }
    if (reason.contains("no valid mainland mobile")) {
      return "NO-MOBILE";
    }
    if (reason.contains("needs a value for")) {
      return "MISSING-VALUE";
    }
    return "OTHER";
  }
}
