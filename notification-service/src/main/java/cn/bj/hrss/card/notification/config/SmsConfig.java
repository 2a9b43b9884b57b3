package cn.bj.hrss.card.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Sending settings: the gateway, the sender's pace and backoff, the per-phone limit. */
@ConfigMapping(prefix = "sms")
public interface SmsConfig {

  Gateway gateway();

  Sender sender();

  RateLimit rateLimit();

  Receipts receipts();

  /** The SMS gateway the adapter talks to over HTTP. */
  interface Gateway {
    /** Base URL, e.g. http://127.0.0.1:8090 (SUITE_SMS_GATEWAY_URL). */
    String url();

    String account();

    String secret();

    @WithDefault("PT5S")
    Duration timeout();
  }

  /** The outbox sender. */
  interface Sender {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("PT1S")
    Duration pollInterval();

    @WithDefault("50")
    int batchSize();

    /** The wait after the first failed attempt; it doubles with every further failure. */
    @WithDefault("PT2S")
    Duration initialBackoff();

    @WithDefault("PT5M")
    Duration maxBackoff();

    /** After this many failed attempts a message is FAILED (operators see it). */
    @WithDefault("100")
    int maxAttempts();

    /** How long a claimed message is reserved for the sender that claimed it. */
    @WithDefault("PT1M")
    Duration lease();
  }

  /** At most {@code perPhone} new messages to one mobile within {@code window}; the rest wait. */
  interface RateLimit {
    @WithDefault("10")
    int perPhone();

    @WithDefault("PT1H")
    Duration window();
  }

  /** Delivery receipts, pulled from the gateway. */
  interface Receipts {
    @WithDefault("PT5S")
    Duration pollInterval();
  }
}
