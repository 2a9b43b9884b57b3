package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.CONSUMERS;
import static cn.bj.hrss.card.benchmark.Benchmark.applicantId;
import static cn.bj.hrss.card.benchmark.Benchmark.cardId;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Submits its own applications, evenly spread over a load run, and polls each projection until it
 * shows each: the end-to-end latency of the paced run ({@link FixedRate}) and of the long run's
 * windows ({@link Soak}).
 */
final class E2eSampler {
  private final Benchmark benchmark;
  private final List<String> bodies;
  private final int seconds;
  private final Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
  private final AtomicLong missing = new AtomicLong();
  private final ExecutorService pool = Executors.newFixedThreadPool(6);
  private final List<java.util.concurrent.Future<?>> futures = new CopyOnWriteArrayList<>();

  E2eSampler(Benchmark benchmark, List<String> bodies, int seconds) {
    this.benchmark = benchmark;
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
