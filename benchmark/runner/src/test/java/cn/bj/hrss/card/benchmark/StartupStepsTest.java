package cn.bj.hrss.card.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupStepsTest {

  /** Three lines as Quarkus 3.33 prints them, among others that are not steps. */
  private static final String LOG =
      "2026-12-03 22:21:25,744 Build step VertxBinderProcessor.build completed in: 12ms\n"
          + "2026-12-03 22:21:25,750 INFO  [org.flywaydb.core.FlywayExecutor] (main) Database: x\n"
          + "2026-12-03 22:21:26,101 Build step FlywayProcessor.startActions completed in: 764ms\n"
          + "2026-12-03 22:21:27,425 Build step LifecycleEventsBuildStep.startupEvent completed in:"
          + " 1324ms\n";

  @Test
  void each_step_of_a_start_with_its_milliseconds_in_the_logs_order() {
    assertEquals(
        Map.of(
            "VertxBinderProcessor.build", 12,
            "FlywayProcessor.startActions", 764,
            "LifecycleEventsBuildStep.startupEvent", 1324),
        StartupSteps.parse(LOG));
    assertEquals(
        List.of(
            "VertxBinderProcessor.build",
            "FlywayProcessor.startActions",
            "LifecycleEventsBuildStep.startupEvent"),
        List.copyOf(StartupSteps.parse(LOG).keySet()));
  }

  @Test
  void the_slowest_steps_by_their_median_over_starts_a_missing_step_counting_zero() {
    Map<String, Integer> first = Map.of("a", 100, "b", 900, "c", 50);
    Map<String, Integer> second = Map.of("a", 300, "b", 500);
    Map<String, Integer> third = Map.of("a", 200, "b", 700, "c", 10);
    // medians: a 200, b 700, c 10 (50, 0, 10)
    Map<String, Double> slowest = StartupSteps.slowest(List.of(first, second, third), 2);
    assertEquals(List.of("b", "a"), List.copyOf(slowest.keySet()));
    assertEquals(700.0, slowest.get("b"));
    assertEquals(200.0, slowest.get("a"));
    assertEquals(
        10.0, StartupSteps.slowest(List.of(first, second, third), 3).get("c"), "c: 50, 0, 10");
  }
}
