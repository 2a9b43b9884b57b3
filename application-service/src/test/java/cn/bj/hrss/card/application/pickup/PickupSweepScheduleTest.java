package cn.bj.hrss.card.application.pickup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * S-PICKUP-1: the sweep's timer runs the first sweep soon after start ({@code
 * suite.pickup-sweep.initial-delay}), not a whole interval later, so that a service restarted every
 * day still sweeps; then every interval.
 */
class PickupSweepScheduleTest {

  @Test
  void the_first_sweep_runs_after_the_initial_delay_not_after_a_whole_interval() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    ScheduledExecutorService timer =
        PickupSweep.schedule(
            () -> {
              runs.incrementAndGet();
              ran.countDown();
            },
            Duration.ofMillis(50),
            Duration.ofHours(24));
    try {
      assertTrue(ran.await(10, TimeUnit.SECONDS), "the first sweep ran soon after start");
      Thread.sleep(200);
      assertEquals(1, runs.get(), "and the next one waits for the interval");
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void an_interval_of_zero_schedules_nothing() {
    assertNull(PickupSweep.schedule(() -> {}, Duration.ofMillis(50), Duration.ZERO));
  }
}
