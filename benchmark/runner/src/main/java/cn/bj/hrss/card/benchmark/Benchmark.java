package cn.bj.hrss.card.benchmark;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * The benchmark (issue 9): starts PostgreSQL, the Kafka broker and the four services as the local
 * run does, measures the machine's own ceilings in the same run (a trivial Quarkus endpoint, plain
 * JDBC inserts, Kafka's own perf tools), drives the suite with wrk, and writes benchmark.json and
 * benchmark.md. See docs/benchmark.md. Each phase is a class of its own, run in this order: {@link
 * Ceilings}, {@link Readiness} (the suite's start and registry; its footprint rows come last),
 * {@link FixedRate}, {@link Saturation}, {@link Soak} (the long run only), {@link PeakDay} (when
 * asked), {@link Lifecycle} and {@link Replay} (catch-up and rebuild).
 */
public final class Benchmark {

  static final String[] CONSUMERS = {
    "card-production-service", "bank-gateway-service", "notification-service"
  };

  static final String APP = "application-service";

  static final String CITIZEN_HEADERS = "CITIZEN";

  // What the phases share: the run's settings and report, the infrastructure and services, the
  // registry's persons, the tokens, and the figures one phase measures for another's rows.
  final Size size;
  final Path home;
  final Path out;
  final Path work;
  final Report report = new Report();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final List<String> persons = new ArrayList<>(); // application bodies, one per person
  private int nextPerson;
  Wrk wrk;
  LocalInfrastructure infra;
  final Map<String, Suite.Service> services = new LinkedHashMap<>();
  Stats.Summary trivialReady;
  double trivialIdleRss;
  List<Wrk.Result> trivialGet;
  SmsGatewaySimulator sms;
  final Map<String, Stats.Summary> readySeconds = new LinkedHashMap<>();
  final Map<String, Stats.Summary> cpuToReady = new LinkedHashMap<>();

  /** The run's development token issuer (ADR 16): keys made fresh for each run. */
  final DevTokens tokens = DevTokens.generate();

  /** The tokens of the projection reads, signed once. */
  final Map<String, String> readers = new java.util.concurrent.ConcurrentHashMap<>();

  final Map<String, Double> loadRssMiB = new LinkedHashMap<>();

  Benchmark(Size size, Path home, Path out) {
    this.size = size;
    this.home = home;
    this.out = out;
    this.work = out.resolve("work");
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("suite.home", ".")).toAbsolutePath().normalize();
    String stamp = ZonedDateTime.now().toString().replaceAll("[:.]", "-").substring(0, 19);
    Path out = home.resolve("benchmark/target/results/" + stamp);
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--out")) {
        out = Path.of(args[i + 1]).toAbsolutePath();
      }
    }
    Benchmark b = new Benchmark(Size.parse(args), home, out);
    Runtime.getRuntime().addShutdownHook(new Thread(b::stopAll, "stop-benchmark"));
    b.report.details().put("command", "benchmark/run.sh " + String.join(" ", args));
    try {
      b.run();
    } finally {
      b.stopAll();
      b.report.write(out);
      System.out.println();
      System.out.println(b.report.markdown());
      System.out.println(
          "written: " + out.resolve("benchmark.json") + ", " + out.resolve("benchmark.md"));
    }
    System.exit(0);
  }

  void run() throws Exception {
    Files.createDirectories(work);
    wrk = new Wrk(work);
    report.details().put("date", ZonedDateTime.now().toString());
    report.details().put("machine", machine());
    report.details().put("size", size.toMap());
    say("machine: " + report.details().get("machine"));

    say("starting PostgreSQL and Kafka (free ports) ...");
    infra = LocalInfrastructure.start(System.getenv(), 0, 0);

    Ceilings ceilings = new Ceilings(this);
    Stats.Summary trivialPost = ceilings.trivialRestCeiling();
    // --replay-only: the replay and its ceiling (Kafka's tools) with the footprint, for the
    // million-event runs; the command path's phases and their JDBC ceiling are left out.
    Map<Integer, Stats.Summary> jdbc = size.replayOnly ? Map.of() : ceilings.jdbcCeiling();
    Map<String, Stats.Summary> kafka = ceilings.kafkaCeiling();

    Readiness readiness = new Readiness(this);
    readiness.startSuite();
    if (!size.replayOnly) {
      readiness.loadRegistry();
    }
    Map<String, Double> idle = new LinkedHashMap<>();
    Thread.sleep(3000);
    services.forEach((n, s) -> idle.put(n, Procs.rssMiB(s.pid())));
    report.details().put("idleRssMiB", idle);

    if (!size.replayOnly) {
      new FixedRate(this).fixedRate(jdbc);
      Stats.Summary saturated = new Saturation(this).saturation(trivialPost, jdbc);
      if (size.soakMinutes > 0) {
        new Soak(this, readiness).soak(saturated.median());
      }
      new Lifecycle(this).lifecycle();
      if (size.peakDayMinutes > 0) {
        new PeakDay(this, readiness).peakDay();
      }
    }
    new Replay(this).replay(kafka);
    if (!size.replayOnly) {
      new Republish(this).republish(kafka);
    }
    try {
      new Storage(this).measure();
    } catch (Exception e) {
      report.note("storage not measured: " + e);
    }
    readiness.footprintRows();
  }

  List<String> takePersons(int n) {
    if (nextPerson + n > persons.size()) {
      throw new IllegalStateException("registry exhausted: raise the registry size");
    }
    List<String> out = persons.subList(nextPerson, nextPerson + n);
    nextPerson += n;
    return out;
  }

  Path applicationRequests(String file, int n) throws IOException {
    List<String> lines = new ArrayList<>(n);
    for (String body : takePersons(n)) {
      lines.add(
          Wrk.line(
              "POST",
              "/cards",
              bearer("CITIZEN", applicantId(body)),
              "-",
              "JINGTONG_MINI_PROGRAM",
              body));
    }
    return wrk.requestsFile(file, lines);
  }

  /** The rows of the runs' REST latency, p50 and p95, {@code where} they were measured. */
  void latencyRows(String where, List<Wrk.Result> runs) {
    latencyRow("  REST p50 latency " + where, runs.stream().map(Wrk.Result::p50).toList());
    latencyRow("  REST p95 latency " + where, runs.stream().map(Wrk.Result::p95).toList());
  }

  private void latencyRow(String figure, List<Double> values) {
    report.row(new Report.Row(figure, "ms", Stats.summary(values), null, null, null));
  }

  String url(String name) {
    return services.get(name).url();
  }

  /** The Authorization header of a caller named by actor role (a citizen by ID number). */
  String bearer(String actorRole, String subject) {
    return "Bearer " + tokens.forActor(actorRole, subject);
  }

  /** The applicant's ID number in an application body: a citizen applies for themself. */
  static String applicantId(String body) {
    Matcher m = Pattern.compile("\"idNumber\"\\s*:\\s*\"([0-9X]{18})\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no applicant ID number in " + body);
    }
    return m.group(1);
  }

  /** A POST (or GET) as an operator. */
  HttpRequest operatorRequest(String url, boolean post) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", bearer("OPERATOR", "benchmark"))
            .header("X-Channel", "OPERATOR_CONSOLE")
            .timeout(Duration.ofSeconds(30));
    return (post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET()).build();
  }

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  static String text(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + json);
    }
    return m.group(1);
  }

  static String cardId(String body) {
    Matcher m = Pattern.compile("\"cardId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no cardId in " + body);
    }
    return m.group(1);
  }

  Admin admin() {
    Properties p = infra.kafka().adminProperties();
    return Admin.create(p);
  }

  static Map<String, Object> runs(List<Wrk.Result> runs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "okPerSecond", Stats.summary(runs.stream().map(Wrk.Result::okPerSecond).toList()).toMap());
    m.put(
        "createdPerSecond",
        Stats.summary(runs.stream().map(Wrk.Result::acceptedPerSecond).toList()).toMap());
    m.put("p50ms", Stats.summary(runs.stream().map(Wrk.Result::p50).toList()).toMap());
    m.put("p95ms", Stats.summary(runs.stream().map(Wrk.Result::p95).toList()).toMap());
    m.put("p99ms", Stats.summary(runs.stream().map(Wrk.Result::p99).toList()).toMap());
    m.put("each", runs);
    return m;
  }

  private Map<String, Object> machine() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
    m.put("memory", mem.replaceAll("\\s+", " "));
    String cpu =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .findFirst()
            .orElse("?");
    m.put("cpu", cpu.replaceAll(".*:\\s*", ""));
    m.put(
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  private synchronized void stopAll() {
    for (Suite.Service s : services.values()) {
      try {
        s.stop();
      } catch (Exception e) {
        // best effort
      }
    }
    services.clear();
    if (sms != null) sms.close();
    sms = null;
    if (infra != null) infra.close();
    infra = null;
  }

  static void say(String line) {
    System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + line);
  }
}
