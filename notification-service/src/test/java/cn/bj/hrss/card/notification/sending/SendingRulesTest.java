package cn.bj.hrss.card.notification.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backoff and the per-phone limit, as plain rules. */
class SendingRulesTest {

  @Test
  void the_backoff_doubles_up_to_its_cap() {
    Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    assertEquals(Duration.ofSeconds(2), backoff.after(1));
    assertEquals(Duration.ofSeconds(4), backoff.after(2));
    assertEquals(Duration.ofSeconds(256), backoff.after(8));
    assertEquals(Duration.ofMinutes(5), backoff.after(9));
    assertEquals(Duration.ofMinutes(5), backoff.after(1000));
  }

  @Test
  void a_phone_under_its_limit_gets_its_message_now_and_over_it_waits_for_the_window() {
    Instant t = Instant.parse("2025-03-03T08:00:00Z");
    List<Instant> three = List.of(t, t.plusSeconds(60), t.plusSeconds(120));
    Duration hour = Duration.ofHours(1);

    assertNull(PhoneRateLimit.waitUntil(three, 4, hour));
    assertEquals(t.plus(hour), PhoneRateLimit.waitUntil(three, 3, hour));
    assertEquals(t.plusSeconds(60).plus(hour), PhoneRateLimit.waitUntil(three, 2, hour));
  }
}
