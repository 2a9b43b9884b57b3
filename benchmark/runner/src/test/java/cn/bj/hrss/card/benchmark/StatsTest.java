package cn.bj.hrss.card.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void nearestRankPercentiles() {
    List<Integer> samples = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      samples.add(i);
    }
    assertEquals(50, Stats.percentile(samples, 50));
    assertEquals(95, Stats.percentile(samples, 95));
    assertEquals(99, Stats.percentile(samples, 99));
    assertEquals(100, Stats.percentile(samples, 100));
    assertEquals(7, Stats.percentile(List.of(7), 99));
    assertTrue(Double.isNaN(Stats.percentile(List.of(), 50)));
  }

  @Test
  void medianMinMaxOfRuns() {
    Stats.Summary odd = Stats.summary(List.of(3.0, 1.0, 2.0));
    assertEquals(2.0, odd.median());
    assertEquals(1.0, odd.min());
    assertEquals(3.0, odd.max());
    assertEquals(3, odd.runs());
    assertEquals(2.5, Stats.summary(List.of(4, 1, 2, 3)).median());
    assertEquals("2.0 (1.0–3.0)", odd.format(1));
    assertEquals("n/a", Stats.summary(List.of(Double.NaN)).format(1));
  }

  @Test
  void markdownRowShowsTheRatioToTheCeiling() {
    Report.Row row =
        new Report.Row(
            "accepted applications/s",
            "req/s",
            Stats.summary(List.of(900, 1000, 1100)),
            "plain JDBC inserts",
            Stats.summary(List.of(4000, 5000, 6000)),
            "≥5,000");
    assertEquals(0.2, row.ratio(), 1e-9);
    assertTrue(row.markdown().contains("| 0.20 |"), row.markdown());
  }
}
