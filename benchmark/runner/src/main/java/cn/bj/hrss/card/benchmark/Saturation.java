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
 * Saturation: applications as fast as wrk sends them, with CPU and RSS of each service, and a JFR
 * profile of application-service.
 */
final class Saturation {

  private final Benchmark benchmark;

  Saturation(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  /** Returns the accepted applications per second, over the runs. */
  Stats.Summary saturation(Stats.Summary trivialPost, Map<Integer, Stats.Summary> jdbc)
      throws Exception {
    say(
        "saturation: wrk, "
            + benchmark.size.concurrency
            + " connections, "
            + benchmark.size.duration
            + " s a run ...");
    List<Wrk.Result> runs = new ArrayList<>();
    Map<String, Double> loadRss = new LinkedHashMap<>();
    Map<String, Object> cpu = null;
    Map<String, Object> profile = null;
    for (int r = 0; r < benchmark.size.repeats; r++) {
      Path file =
          benchmark.applicationRequests(
              "saturation-" + r + ".txt", benchmark.size.saturationCap * benchmark.size.duration);
      boolean last = r == benchmark.size.repeats - 1;
      Path jfr = benchmark.work.resolve("application-service-saturation.jfr");
      if (last && benchmark.size.profile) {
        benchmark.services.get(APP).startJfr(jfr);
      }
      Map<String, Long> pids = pids();
      Map<String, Double> before = Procs.cpuByGroup(pids);
      RssSampler rss = new RssSampler(benchmark.services);
      Wrk.Result result =
          benchmark.wrk.run(
              benchmark.url(APP), file, 2, benchmark.size.concurrency, benchmark.size.duration, 0);
      rss.stop().forEach((k, v) -> loadRss.merge(k, v, Math::max));
      if (r == 0) {
        Map<String, Double> used = Procs.diff(before, Procs.cpuByGroup(pids));
        cpu = new LinkedHashMap<>(used);
        cpu.put("wallSeconds", Stats.round(result.seconds()));
      }
      if (last && benchmark.size.profile) {
        benchmark.services.get(APP).stopJfr();
        profile = JfrSummary.summarise(jfr, 15);
      }
      runs.add(result);
      if (result.exhausted() > 0) {
        benchmark.report.note(
            "saturation run "
                + (r + 1)
                + " used up its "
                + benchmark.size.saturationCap * benchmark.size.duration
                + " distinct persons: raise --saturation-cap");
      }
      say(
          String.format(
              "  run %d: %.0f accepted/s, p50 %.1f ms p99 %.1f ms, %d non-2xx",
              r + 1,
              result.acceptedPerSecond(),
              result.p50(),
              result.p99(),
              result.s4xx() + result.s5xx()));
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("wrk", runs(runs));
    d.put("cpuSecondsByProcessFirstRun", cpu);
    d.put("rssUnderLoadMiB", loadRss);
    d.put("jfrApplicationService", profile);
    benchmark.report.details().put("saturation", d);
    Stats.Summary accepted =
        Stats.summary(runs.stream().map(Wrk.Result::acceptedPerSecond).toList());
    Stats.Summary jdbcC = jdbc.get(benchmark.size.concurrency);
    benchmark.report.row(
        new Report.Row(
            "accepted applications/s at saturation ("
                + benchmark.size.concurrency
                + " connections)",
            "/s",
            accepted,
            "plain JDBC insert of an event row, " + benchmark.size.concurrency + " clients",
            jdbcC,
            "ratio ≥0.25"));
    benchmark.report.row(
        new Report.Row(
            "  the same",
            "/s",
            accepted,
            "trivial Quarkus POST, same wrk settings",
            trivialPost,
            null));
    benchmark.latencyRows("at saturation", runs);
    benchmark.report.row(
        new Report.Row(
            "  REST p99 latency at saturation",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p99).toList()),
            "trivial Quarkus GET p99",
            Stats.summary(benchmark.trivialGet.stream().map(Wrk.Result::p99).toList()),
            null));
    for (var e : loadRss.entrySet()) {
      benchmark.loadRssMiB.put(e.getKey(), e.getValue());
    }
    return accepted;
  }

  private Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    benchmark.services.forEach((n, s) -> pids.put(n, s.pid()));
    pids.put("benchmark JVM (Kafka broker, sampler)", ProcessHandle.current().pid());
    return pids;
  }
}
