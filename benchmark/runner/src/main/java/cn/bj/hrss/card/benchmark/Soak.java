package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The long run (issue 19, item 5): applications paced at half the rate the saturation runs reached,
 * for {@code --soak-minutes}, cut into windows of {@code --soak-window} minutes; per window the
 * REST p99 (wrk), the end-to-end p99 into each projection (the same sampler as the paced run), and
 * each service's resident memory, highest and at the window's end, so that growth would show.
 */
final class Soak {

  private final Benchmark benchmark;
  private final Readiness readiness;

  Soak(Benchmark benchmark, Readiness readiness) {
    this.benchmark = benchmark;
    this.readiness = readiness;
  }

  void soak(double saturationRate) throws Exception {
    int rate = Math.max(1, (int) Math.round(saturationRate / 2));
    int windowSeconds = benchmark.size.soakWindowMinutes * 60;
    int windows = Math.max(1, benchmark.size.soakMinutes / benchmark.size.soakWindowMinutes);
    int perWindow = (int) (rate * windowSeconds * 1.2);
    int samples = benchmark.size.samples;
    readiness.addPersons(windows * (perWindow + samples));
    int connections = Math.max(8, rate / 20);
    int delayMs = 1000 * connections / rate;
    say(
        String.format(
            "long run: %d windows of %d min at about %d applications/s (half of %.0f/s at"
                + " saturation), %d connections, %d e2e samples a window ...",
            windows, windowSeconds / 60, rate, saturationRate, connections, samples));
    List<Map<String, Object>> each = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      Path file = benchmark.applicationRequests("soak-" + w + ".txt", perWindow);
      E2eSampler sampler = new E2eSampler(benchmark, benchmark.takePersons(samples), windowSeconds);
      RssSampler rss = new RssSampler(benchmark.services);
      sampler.start();
      Wrk.Result result =
          benchmark.wrk.run(benchmark.url(APP), file, 2, connections, windowSeconds, delayMs);
      Map<String, List<Double>> e2e = sampler.finish();
      Map<String, Double> rssMax = rss.stop();
      Map<String, Double> rssEnd = new LinkedHashMap<>();
      benchmark.services.forEach((n, s) -> rssEnd.put(n, Procs.rssMiB(s.pid())));
      String window =
          String.format(
              "long run, minutes %d-%d", w * windowSeconds / 60, (w + 1) * windowSeconds / 60);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("window", window);
      d.put("acceptedPerSecond", Stats.round(result.acceptedPerSecond()));
      d.put("restP99ms", Stats.round(result.p99()));
      d.put("non2xx", result.s4xx() + result.s5xx());
      Map<String, Object> e2eP99 = new LinkedHashMap<>();
      e2e.forEach((projection, values) -> e2eP99.put(projection, Stats.percentile(values, 99)));
      d.put("e2eP99ms", e2eP99);
      d.put("e2eNotSeenWithin30s", sampler.missing());
      d.put("rssMaxMiB", rssMax);
      d.put("rssEndMiB", rssEnd);
      each.add(d);
      say("  " + d);
      row(window + ": accepted applications/s", "/s", result.acceptedPerSecond());
      row(window + ":   REST p99 latency", "ms", result.p99());
      e2e.forEach(
          (projection, values) ->
              row(
                  window + ":   e2e into " + projection + " p99",
                  "ms",
                  Stats.percentile(values, 99)));
      rssEnd.forEach(
          (service, mib) -> {
            row(window + ":   " + service + " RSS at the window's end", "MiB", mib);
            row(
                window + ":   " + service + " RSS, highest in the window",
                "MiB",
                rssMax.get(service));
          });
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("ratePerSecond", rate);
    d.put("connections", connections);
    d.put("delayMsPerConnection", delayMs);
    d.put("windows", each);
    benchmark.report.details().put("longRun", d);
  }

  private void row(String what, String unit, double value) {
    benchmark.report.row(
        new Report.Row(what, unit, Stats.summary(List.of(value)), null, null, null));
  }
}
