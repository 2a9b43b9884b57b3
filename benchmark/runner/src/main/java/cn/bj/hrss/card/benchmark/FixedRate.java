package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.runs;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applications at a fixed rate (wrk), with end-to-end samples: how long until each projection shows
 * an accepted application.
 */
final class FixedRate {

  private final Benchmark benchmark;

  FixedRate(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  void fixedRate(Map<Integer, Stats.Summary> jdbc) throws Exception {
    int connections = Math.max(8, benchmark.size.rate / 20);
    int delayMs = 1000 * connections / benchmark.size.rate;
    say(
        String.format(
            "fixed rate: about %d applications/s (wrk, %d connections, %d ms between requests on each), with %d e2e samples a run ...",
            benchmark.size.rate, connections, delayMs, benchmark.size.samples));
    List<Wrk.Result> runs = new ArrayList<>();
    Map<String, List<Double>> p50 = new LinkedHashMap<>();
    Map<String, List<Double>> p95 = new LinkedHashMap<>();
    Map<String, List<Double>> p99 = new LinkedHashMap<>();
    List<Map<String, Object>> e2eRuns = new ArrayList<>();
    for (int r = 0; r < benchmark.size.repeats; r++) {
      Path file =
          benchmark.applicationRequests(
              "fixed-" + r + ".txt", (int) (benchmark.size.rate * benchmark.size.duration * 1.2));
      List<String> sampleBodies = benchmark.takePersons(benchmark.size.samples);
      E2eSampler sampler = new E2eSampler(benchmark, sampleBodies, benchmark.size.duration);
      sampler.start();
      runs.add(
          benchmark.wrk.run(
              benchmark.url(APP), file, 2, connections, benchmark.size.duration, delayMs));
      Map<String, List<Double>> lat = sampler.finish();
      Map<String, Object> run = new LinkedHashMap<>();
      lat.forEach(
          (projection, values) -> {
            p50.computeIfAbsent(projection, k -> new ArrayList<>())
                .add(Stats.percentile(values, 50));
            p95.computeIfAbsent(projection, k -> new ArrayList<>())
                .add(Stats.percentile(values, 95));
            p99.computeIfAbsent(projection, k -> new ArrayList<>())
                .add(Stats.percentile(values, 99));
            run.put(
                projection,
                Map.of(
                    "seen",
                    values.size(),
                    "p50",
                    Stats.percentile(values, 50),
                    "p95",
                    Stats.percentile(values, 95),
                    "p99",
                    Stats.percentile(values, 99)));
          });
      run.put("notSeenWithin30s", sampler.missing());
      e2eRuns.add(run);
      say(
          "  run "
              + (r + 1)
              + ": "
              + String.format("%.0f accepted/s", runs.get(r).acceptedPerSecond())
              + ", e2e "
              + run);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("connections", connections);
    d.put("delayMsPerConnection", delayMs);
    d.put("wrk", runs(runs));
    d.put("e2eRuns", e2eRuns);
    d.put(
        "e2eWhat",
        "milliseconds from just before the sampler's own POST /cards (client clock) to the first poll that shows the card in the projection's GET view; each sample polls its three views every 5 ms, so the resolution is about 5-10 ms");
    benchmark.report.details().put("fixedRate", d);
    Stats.Summary accepted =
        Stats.summary(runs.stream().map(Wrk.Result::acceptedPerSecond).toList());
    benchmark.report.row(
        new Report.Row(
            "accepted applications/s at a fixed offered rate of "
                + benchmark.size.rate
                + "/s (wrk, paced)",
            "/s",
            accepted,
            "offered rate",
            Stats.summary(List.of(benchmark.size.rate, benchmark.size.rate, benchmark.size.rate)),
            null));
    benchmark.latencyRows("at that rate", runs);
    benchmark.report.row(
        new Report.Row(
            "  REST p99 latency at that rate",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p99).toList()),
            null,
            null,
            null));
    for (String projection : p50.keySet()) {
      benchmark.report.row(
          new Report.Row(
              "e2e into " + projection + " p50",
              "ms",
              Stats.summary(p50.get(projection)),
              null,
              null,
              null));
      benchmark.report.row(
          new Report.Row(
              "e2e into " + projection + " p95",
              "ms",
              Stats.summary(p95.get(projection)),
              null,
              null,
              null));
      benchmark.report.row(
          new Report.Row(
              "e2e into " + projection + " p99",
              "ms",
              Stats.summary(p99.get(projection)),
              null,
              null,
              "<250 ms at 200/s"));
    }
  }
}
