package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.runs;
import static cn.bj.hrss.card.benchmark.Benchmark.say;
import static cn.bj.hrss.card.benchmark.Benchmark.text;

import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The machine's own ceilings, measured in the same run as the suite: a trivial Quarkus endpoint
 * (ready, idle RSS, GET and POST), plain JDBC inserts, and Kafka's own perf tools.
 */
final class Ceilings {

  private final Benchmark benchmark;

  Ceilings(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  Stats.Summary trivialRestCeiling() throws Exception {
    say("ceiling: a trivial Quarkus REST endpoint ...");
    Path jar = benchmark.home.resolve("benchmark/trivial-rest/target/quarkus-app/quarkus-run.jar");
    Suite.Service trivial =
        new Suite.Service(
            "trivial-rest",
            jar,
            // Started as the services are, with their JVM options (ADR 35): the same JVM settings.
            benchmark.home,
            FreePort.find(),
            Map.of(),
            benchmark.work.resolve("trivial-rest.log"));
    List<Double> ready = new ArrayList<>();
    for (int r = 0; r < benchmark.size.repeats; r++) {
      ready.add(trivial.start());
      if (r < benchmark.size.repeats - 1) {
        trivial.stop();
      }
    }
    Thread.sleep(2000);
    double idleRss = Procs.rssMiB(trivial.pid());
    List<String> gets = new ArrayList<>();
    List<String> posts = new ArrayList<>();
    String body = Readiness.applicationBody(0);
    for (int i = 0; i < 1000; i++) {
      // The same headers as the suite's requests (a token of the same size), for a fair ceiling.
      String token = benchmark.bearer("OPERATOR", "benchmark");
      gets.add(Wrk.line("GET", "/hello", token, "-", "JINGTONG_MINI_PROGRAM", ""));
      posts.add(Wrk.line("POST", "/cards", token, "-", "JINGTONG_MINI_PROGRAM", body));
    }
    // the lists wrap around: the trivial endpoint does not care about repeats
    Path getFile = benchmark.wrk.requestsFile("trivial-get.txt", repeatForever(gets));
    Path postFile = benchmark.wrk.requestsFile("trivial-post.txt", repeatForever(posts));
    List<Wrk.Result> getRuns = new ArrayList<>();
    List<Wrk.Result> postRuns = new ArrayList<>();
    double loadRss = 0;
    for (int r = 0; r < benchmark.size.repeats; r++) {
      getRuns.add(
          benchmark.wrk.run(
              trivial.url(), getFile, 2, benchmark.size.concurrency, benchmark.size.duration, 0));
      loadRss = Math.max(loadRss, Procs.rssMiB(trivial.pid()));
      postRuns.add(
          benchmark.wrk.run(
              trivial.url(), postFile, 2, benchmark.size.concurrency, benchmark.size.duration, 0));
      loadRss = Math.max(loadRss, Procs.rssMiB(trivial.pid()));
    }
    trivial.stop();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("readySeconds", Stats.summary(ready).toMap());
    d.put("idleRssMiB", Stats.round(idleRss));
    d.put("rssAfterLoadMiB", Stats.round(loadRss));
    d.put("get", runs(getRuns));
    d.put("post", runs(postRuns));
    benchmark.report.details().put("ceilingTrivialQuarkus", d);
    benchmark.report.details().put("trivialReadySummary", Stats.summary(ready));
    benchmark.trivialReady = Stats.summary(ready);
    benchmark.trivialIdleRss = idleRss;
    benchmark.trivialGet = getRuns;
    return Stats.summary(postRuns.stream().map(Wrk.Result::okPerSecond).toList());
  }

  private static List<String> repeatForever(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      out.addAll(lines);
    }
    return out;
  }

  Map<Integer, Stats.Summary> jdbcCeiling() throws Exception {
    say("ceiling: plain JDBC inserts of event-sized rows, one per transaction ...");
    String url = benchmark.infra.postgres().jdbcUrl();
    try (Connection c =
            DriverManager.getConnection(
                url, benchmark.infra.postgres().user(), benchmark.infra.postgres().password());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS benchmark");
      s.execute(
          "CREATE TABLE IF NOT EXISTS benchmark.event_row (global_index BIGSERIAL PRIMARY KEY,"
              + " event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL,"
              + " sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL,"
              + " payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BYTEA NOT NULL,"
              + " meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
    }
    byte[] payload = GoldenSamples.jsonForCard(EventTypes.require(CardRequested.class), "x");
    byte[] meta =
        "{\"actorRole\":\"CITIZEN\",\"actorId\":\"wx-openid-benchmark\",\"channel\":\"JINGTONG_MINI_PROGRAM\",\"correlationId\":\"c0ffee00-0000-4000-8000-000000000001\"}"
            .getBytes(StandardCharsets.UTF_8);
    Map<Integer, Stats.Summary> out = new LinkedHashMap<>();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("rowBytes", payload.length + meta.length + 36 * 2 + 60);
    int seconds = Math.min(benchmark.size.duration, 10);
    for (int clients : new int[] {1, 8, benchmark.size.concurrency}) {
      List<Double> rates = new ArrayList<>();
      for (int r = 0; r < benchmark.size.repeats; r++) {
        AtomicLong rows = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < clients; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    try (Connection c =
                            DriverManager.getConnection(
                                url,
                                benchmark.infra.postgres().user(),
                                benchmark.infra.postgres().password());
                        PreparedStatement ps =
                            c.prepareStatement(
                                "INSERT INTO benchmark.event_row (event_identifier, aggregate_identifier,"
                                    + " sequence_number, type, time_stamp, payload_type, payload_revision,"
                                    + " payload, meta_data) VALUES (?,?,?,?,?,?,?,?,?)")) {
                      c.setAutoCommit(true);
                      while (!stop.get()) {
                        ps.setString(1, UUID.randomUUID().toString());
                        ps.setString(2, UUID.randomUUID().toString());
                        ps.setLong(3, 0);
                        ps.setString(4, "CardAggregate");
                        ps.setString(5, java.time.Instant.now().toString());
                        ps.setString(6, "CardRequested");
                        ps.setString(7, "1");
                        ps.setBytes(8, payload);
                        ps.setBytes(9, meta);
                        ps.executeUpdate();
                        rows.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (var f : futures) {
          f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        rates.add(rows.get() / elapsed);
      }
      Stats.Summary s = Stats.summary(rates);
      out.put(clients, s);
      d.put("clients" + clients + "RowsPerSecond", s.toMap());
      say(String.format("  %d clients: %s rows/s", clients, s.format(0)));
    }
    benchmark.report.details().put("ceilingJdbc", d);
    return out;
  }

  Map<String, Stats.Summary> kafkaCeiling() throws Exception {
    say(
        "ceiling: Apache Kafka's ProducerPerformance and ConsumerPerformance on the same broker ...");
    String topic = "benchmark-raw.v1";
    int partitions = 6; // as card-lifecycle.v1 (SUITE_CARD_TOPIC_PARTITIONS)
    try (Admin admin = benchmark.admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    // The payloads are the contract's own envelopes, so record size and compressibility match.
    Path payloads = benchmark.work.resolve("envelopes.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      for (Class<? extends CardEvent> type : Replay.LIFE) {
        lines.add(
            new String(
                    GoldenSamples.jsonForCard(
                        EventTypes.require(type), UUID.randomUUID().toString()),
                    StandardCharsets.UTF_8)
                .replace("\n", ""));
      }
    }
    Files.write(payloads, lines);
    int avg =
        (int)
            lines.stream()
                .mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length)
                .average()
                .orElse(0);
    int records = Math.max(benchmark.size.replayEvents, 200_000);
    List<Double> produced = new ArrayList<>();
    List<Double> consumed = new ArrayList<>();
    for (int r = 0; r < benchmark.size.repeats; r++) {
      String p =
          tool(
              "org.apache.kafka.tools.ProducerPerformance",
              "--topic",
              topic,
              "--num-records",
              String.valueOf(records),
              "--throughput",
              "-1",
              "--payload-file",
              payloads.toString(),
              "--producer-props",
              "bootstrap.servers=" + benchmark.infra.kafka().bootstrapServers(),
              "acks=all",
              "enable.idempotence=true",
              "compression.type=lz4",
              "linger.ms=5");
      produced.add(lastNumberBefore(p, "records/sec"));
      String c =
          tool(
              "org.apache.kafka.tools.ConsumerPerformance",
              "--bootstrap-server",
              benchmark.infra.kafka().bootstrapServers(),
              "--topic",
              topic,
              "--messages",
              String.valueOf(records),
              "--timeout",
              "60000");
      consumed.add(consumerRate(c));
    }
    Map<String, Stats.Summary> out = new LinkedHashMap<>();
    out.put("producer", Stats.summary(produced));
    out.put("consumer", Stats.summary(consumed));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("topicPartitions", partitions);
    d.put("averageRecordBytes", avg);
    d.put("recordsPerRun", records);
    d.put(
        "producerSettings",
        "acks=all enable.idempotence=true compression.type=lz4 linger.ms=5 (as application-service's publisher)");
    d.put("producerRecordsPerSecond", out.get("producer").toMap());
    d.put("consumerRecordsPerSecond", out.get("consumer").toMap());
    benchmark.report.details().put("ceilingKafka", d);
    say(
        "  producer "
            + out.get("producer").format(0)
            + " rec/s, consumer "
            + out.get("consumer").format(0)
            + " rec/s, "
            + avg
            + " B/record");
    return out;
  }

  private String tool(String main, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main);
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Files.writeString(
        benchmark.work.resolve(main.substring(main.lastIndexOf('.') + 1) + ".log"),
        text,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return text;
  }

  static double lastNumberBefore(String text, String unit) {
    Matcher m = Pattern.compile("([0-9.]+) " + Pattern.quote(unit)).matcher(text);
    double v = Double.NaN;
    while (m.find()) {
      v = Double.parseDouble(m.group(1));
    }
    return v;
  }

  /** ConsumerPerformance prints a CSV header and a line; nMsg.sec is the sixth column. */
  static double consumerRate(String text) {
    List<String> l = text.lines().filter(s -> s.matches("^\\d{4}-.*")).toList();
    if (l.isEmpty()) {
      return Double.NaN;
    }
    String[] f = l.get(l.size() - 1).split(",\\s*");
    return Double.parseDouble(f[5]);
  }
}
