package cn.bj.hrss.card.notification.sending;

import java.time.Duration;

/** How long a message waits after its n-th failed attempt: doubling from a first wait to a cap. */
public record Backoff(Duration initial, Duration max) {

  public Duration after(int failedAttempts) {
    int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
    Duration wait = initial.multipliedBy(1L << doublings);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
