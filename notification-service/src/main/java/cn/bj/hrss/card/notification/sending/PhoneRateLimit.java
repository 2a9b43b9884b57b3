package cn.bj.hrss.card.notification.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-phone limit: at most {@code perPhone} messages to one mobile within a sliding window.
 * Messages over the limit wait for the window to make room; they are never dropped, since each one
 * tells the holder something true about their card.
 */
public final class PhoneRateLimit {

  private PhoneRateLimit() {}

  /**
   * @param recent when the messages to the phone within the window were first handed to the
   *     gateway, oldest first
   * @return when the next message may go, or null if it may go now
   */
  public static Instant waitUntil(List<Instant> recent, int perPhone, Duration window) {
    if (recent.size() < perPhone) {
      return null;
    }
    return recent.get(recent.size() - perPhone).plus(window);
  }
}
