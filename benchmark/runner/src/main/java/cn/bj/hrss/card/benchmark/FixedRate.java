package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.CONSUMERS;
import static cn.bj.hrss.card.benchmark.Benchmark.applicantId;
import static cn.bj.hrss.card.benchmark.Benchmark.cardId;
import static cn.bj.hrss.card.benchmark.Benchmark.runs;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
      E2eSampler sampler = new E2eSampler(sampleBodies, benchmark.size.duration);
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
              "<250 ms at 500/s"));
    }
  }

  /**
   * Submits its own applications during a load run and polls each projection until it shows each.
   */
  private final class E2eSampler {
    private final List<String> bodies;
    private final int seconds;
    private final Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
    private final AtomicLong missing = new AtomicLong();
    private final ExecutorService pool = Executors.newFixedThreadPool(6);
    private final List<java.util.concurrent.Future<?>> futures = new CopyOnWriteArrayList<>();

    E2eSampler(List<String> bodies, int seconds) {
      this.bodies = bodies;
      this.seconds = seconds;
    }

    void start() {
      long spacing = seconds * 1000L / (bodies.size() + 1);
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(Math.min(1000, spacing));
                  for (String body : bodies) {
                    futures.add(pool.submit(() -> sample(body)));
                    Thread.sleep(spacing);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      futures.add(
          pool.submit(
              () -> {
                try {
                  t.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return null;
              }));
    }

    private Void sample(String body) throws Exception {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          benchmark.http.send(
              post(
                  benchmark.url(APP) + "/cards",
                  "CITIZEN",
                  applicantId(body),
                  "JINGTONG_MINI_PROGRAM",
                  body),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        missing.incrementAndGet();
        return null;
      }
      String card = cardId(r.body());
      Map<String, String> views = new LinkedHashMap<>();
      if (benchmark.services.containsKey(CONSUMERS[0]))
        views.put(CONSUMERS[0], benchmark.url(CONSUMERS[0]) + "/production-orders/" + card);
      if (benchmark.services.containsKey(CONSUMERS[1]))
        views.put(CONSUMERS[1], benchmark.url(CONSUMERS[1]) + "/banks/ICBC/cards/" + card);
      if (benchmark.services.containsKey(CONSUMERS[2]))
        views.put(CONSUMERS[2], benchmark.url(CONSUMERS[2]) + "/notifications/cards/" + card);
      long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
      while (!views.isEmpty() && System.nanoTime() < deadline) {
        for (var it = views.entrySet().iterator(); it.hasNext(); ) {
          var view = it.next();
          HttpResponse<String> g =
              benchmark.http.send(get(view.getValue()), HttpResponse.BodyHandlers.ofString());
          if (g.statusCode() == 200 && !g.body().trim().equals("[]")) {
            latencies
                .computeIfAbsent(view.getKey(), k -> new CopyOnWriteArrayList<>())
                .add((System.nanoTime() - t0) / 1e6);
            it.remove();
          }
        }
        Thread.sleep(5);
      }
      missing.addAndGet(views.size());
      return null;
    }

    Map<String, List<Double>> finish() throws Exception {
      for (int i = 0; i < futures.size(); i++) {
        futures.get(i).get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      return new java.util.TreeMap<>(latencies);
    }

    long missing() {
      return missing.get();
    }
  }

  private HttpRequest post(String url, String role, String actor, String channel, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Authorization", benchmark.bearer(role, actor))
        .header("X-Channel", channel)
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** A read of a projection: ICBC reads its own feed's cards, an auditor everything else. */
  private HttpRequest get(String url) {
    if (benchmark.readers.isEmpty()) {
      benchmark.readers.put("bank", benchmark.bearer("BANK", "ICBC"));
      benchmark.readers.put("auditor", benchmark.bearer("AUDITOR", "benchmark"));
    }
    return HttpRequest.newBuilder(URI.create(url))
        .header(
            "Authorization", benchmark.readers.get(url.contains("/banks/") ? "bank" : "auditor"))
        .timeout(Duration.ofSeconds(30))
        .GET()
        .build();
  }
}
