package cn.bj.hrss.card.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Runs wrk (Debian's package) with the benchmark's Lua script and reads what it printed. */
final class Wrk {

  /** What one wrk run measured; latencies in milliseconds. */
  record Result(
      long requests,
      double seconds,
      double p50,
      double p95,
      double p99,
      double max,
      long s2xx,
      long s201,
      long s4xx,
      long s5xx,
      long socketErrors,
      long exhausted) {

    double acceptedPerSecond() {
      return s201 / seconds;
    }

    double okPerSecond() {
      return s2xx / seconds;
    }
  }

  private final Path script;
  private final Path work;

  Wrk(Path work) throws IOException {
    this.work = work;
    this.script = work.resolve("bench.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("/bench.lua")) {
      Files.write(script, in.readAllBytes());
    }
  }

  /**
   * One request line of the requests file (tab-separated, no tab or newline in the body).
   *
   * @param actor "-", or the X-Actor-Role and X-Actor-Id a relaying service names, separated by a
   *     space (card-production-service relaying a factory's report, ADR 24)
   */
  static String line(
      String method, String path, String authorization, String actor, String channel, String body) {
    return String.join("\t", method, path, authorization, actor, channel, body == null ? "" : body);
  }

  Path requestsFile(String name, List<String> lines) throws IOException {
    Path file = work.resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  /** A run for a fixed time; {@code delayMs} > 0 paces each connection. */
  Result run(String baseUrl, Path requests, int threads, int connections, int seconds, int delayMs)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "wrk",
            "-t" + threads,
            "-c" + connections,
            "-d" + seconds + "s",
            "--timeout",
            "10s",
            "-s",
            script.toString(),
            baseUrl,
            "--",
            requests.toString(),
            String.valueOf(threads),
            "-");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("WRK_DELAY_MS", String.valueOf(delayMs));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return parse(out);
  }

  /**
   * A run that ends when every request of the file was answered: wrk itself runs for a fixed time,
   * so each answer is written to a progress file and the run is timed here, from wrk's start to the
   * last answer (50 ms resolution), then wrk is stopped.
   */
  record Batch(double seconds, long ok, long failed, List<String> cardIds) {}

  Batch runBatch(
      String baseUrl,
      Path requests,
      long expected,
      int threads,
      int connections,
      LongSupplier ignored)
      throws IOException, InterruptedException {
    Path prefix = work.resolve(requests.getFileName() + ".progress.");
    for (int t = 0; t < threads; t++) {
      Files.deleteIfExists(Path.of(prefix + String.valueOf(t)));
    }
    List<String> command =
        List.of(
            "wrk",
            "-t" + threads,
            "-c" + connections,
            "-d600s",
            "--timeout",
            "10s",
            "-s",
            script.toString(),
            baseUrl,
            "--",
            requests.toString(),
            String.valueOf(threads),
            prefix.toString());
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("wrk-batch.log").toFile())
            .start();
    long deadline = start + TimeUnit.MINUTES.toNanos(10);
    long answered = 0;
    long end = start;
    long lastAnswered = -1;
    long lastChange = start;
    while (System.nanoTime() < deadline && process.isAlive()) {
      answered = 0;
      for (int t = 0; t < threads; t++) {
        Path f = Path.of(prefix + String.valueOf(t));
        if (Files.exists(f)) {
          answered += Files.lines(f).count();
        }
      }
      long now = System.nanoTime();
      if (answered != lastAnswered) {
        lastAnswered = answered;
        lastChange = now;
        end = now;
      }
      // a request that failed on its socket (wrk's 10 s timeout) gets no answer line
      if (answered >= expected || now - lastChange > TimeUnit.SECONDS.toNanos(12)) {
        break;
      }
      Thread.sleep(50);
    }
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
    long ok = 0;
    long failed = 0;
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Path f = Path.of(prefix + String.valueOf(t));
      if (!Files.exists(f)) {
        continue;
      }
      for (String l : Files.readAllLines(f)) {
        String[] parts = l.split("\t", -1);
        int status = Integer.parseInt(parts[0]);
        if (status >= 200 && status < 300) {
          ok++;
          if (parts.length > 1 && !parts[1].isEmpty()) {
            ids.add(parts[1]);
          }
        } else {
          failed++;
        }
      }
    }
    failed += Math.max(0, expected - ok - failed);
    return new Batch((end - start) / 1e9, ok, failed, ids);
  }

  static Result parse(String out) throws IOException {
    String json =
        out.lines()
            .filter(l -> l.startsWith("BENCH_JSON "))
            .findFirst()
            .orElseThrow(() -> new IOException("wrk printed no result:\n" + out))
            .substring("BENCH_JSON ".length());
    JsonNode n = new ObjectMapper().readTree(json);
    return new Result(
        n.get("requests").asLong(),
        n.get("duration_us").asDouble() / 1e6,
        n.get("p50_us").asDouble() / 1e3,
        n.get("p95_us").asDouble() / 1e3,
        n.get("p99_us").asDouble() / 1e3,
        n.get("max_us").asDouble() / 1e3,
        n.get("s2xx").asLong(),
        n.get("s201").asLong(),
        n.get("s4xx").asLong(),
        n.get("s5xx").asLong(),
        n.get("connect_errors").asLong()
            + n.get("read_errors").asLong()
            + n.get("write_errors").asLong()
            + n.get("timeouts").asLong(),
        n.get("exhausted").asLong());
  }
}
