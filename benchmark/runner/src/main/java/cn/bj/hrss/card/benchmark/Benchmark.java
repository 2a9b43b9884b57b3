package cn.bj.hrss.card.benchmark;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark (issue 9): starts PostgreSQL, the Kafka broker and the four services as the local
 * run does, measures the machine's own ceilings in the same run (a trivial Quarkus endpoint, plain
 * JDBC inserts, Kafka's own perf tools), drives the suite with wrk, and writes benchmark.json and
 * benchmark.md. See docs/benchmark.md.
 */
public final class Benchmark {

  static final String[] CONSUMERS = {
    "card-production-service", "bank-gateway-service", "notification-service"
  };
  static final String APP = "application-service";
  static final String CITIZEN_HEADERS = "CITIZEN";

  /** The size of a run: `--size quick` (a few minutes) or `--size long`, then any override. */
  static final class Size {
    int repeats = 3;
    int rebuildRepeats = -1; // as repeats
    int duration = 10;
    int concurrency = 32;
    int rate = 500;
    int lifecycleCards = 1000;
    int replayEvents = 100_000;
    int samples = 60;
    int saturationCap = 4000;
    boolean profile = true;
    boolean rebuild = true;
    boolean replayOnly = false;

    static Size parse(String[] args) {
      Size s = new Size();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (a) {
          case "--size" -> {
            if ("long".equals(v)) {
              s.duration = 60;
              s.lifecycleCards = 10_000;
              s.replayEvents = 1_000_000;
              s.samples = 300;
            }
            i++;
          }
          case "--repeats" -> s.repeats = Integer.parseInt(args[++i]);
          case "--duration" -> s.duration = Integer.parseInt(args[++i]);
          case "--concurrency" -> s.concurrency = Integer.parseInt(args[++i]);
          case "--rate" -> s.rate = Integer.parseInt(args[++i]);
          case "--cards" -> s.lifecycleCards = Integer.parseInt(args[++i]);
          case "--replay-events" -> s.replayEvents = Integer.parseInt(args[++i]);
          case "--samples" -> s.samples = Integer.parseInt(args[++i]);
          case "--saturation-cap" -> s.saturationCap = Integer.parseInt(args[++i]);
          case "--rebuild-repeats" -> s.rebuildRepeats = Integer.parseInt(args[++i]);
          case "--no-profile" -> s.profile = false;
          case "--no-rebuild" -> s.rebuild = false;
          case "--replay-only" -> s.replayOnly = true;
          case "--out" -> i++;
          default -> throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      return s;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("repeats", repeats);
      m.put("durationSeconds", duration);
      m.put("concurrency", concurrency);
      m.put("fixedRate", rate);
      m.put("lifecycleCards", lifecycleCards);
      m.put("replayEvents", replayEvents);
      m.put("e2eSamplesPerRun", samples);
      m.put("replayOnly", replayOnly);
      return m;
    }
  }

  private final Size size;
  private final Path home;
  private final Path out;
  private final Path work;
  private final Report report = new Report();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> persons = new ArrayList<>(); // application bodies, one per person
  private int nextPerson;
  private Wrk wrk;
  private LocalInfrastructure infra;
  private final Map<String, Suite.Service> services = new LinkedHashMap<>();

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

    Stats.Summary trivialPost = trivialRestCeiling();
    // --replay-only: the replay and its ceiling (Kafka's tools) with the footprint, for the
    // million-event runs; the command path's phases and their JDBC ceiling are left out.
    Map<Integer, Stats.Summary> jdbc = size.replayOnly ? Map.of() : jdbcCeiling();
    Map<String, Stats.Summary> kafka = kafkaCeiling();

    startSuite();
    if (!size.replayOnly) {
      loadRegistry();
    }
    Map<String, Double> idle = new LinkedHashMap<>();
    Thread.sleep(3000);
    services.forEach((n, s) -> idle.put(n, Procs.rssMiB(s.pid())));
    report.details().put("idleRssMiB", idle);

    if (!size.replayOnly) {
      fixedRate(jdbc);
      saturation(trivialPost, jdbc);
      lifecycle();
    }
    replay(kafka);
  }

  // ---------------------------------------------------------------- the ceilings

  private Stats.Summary trivialRestCeiling() throws Exception {
    say("ceiling: a trivial Quarkus REST endpoint ...");
    Path jar = home.resolve("benchmark/trivial-rest/target/quarkus-app/quarkus-run.jar");
    Suite.Service trivial =
        new Suite.Service(
            "trivial-rest", jar, FreePort.find(), Map.of(), work.resolve("trivial-rest.log"));
    List<Double> ready = new ArrayList<>();
    for (int r = 0; r < size.repeats; r++) {
      ready.add(trivial.start());
      if (r < size.repeats - 1) {
        trivial.stop();
      }
    }
    Thread.sleep(2000);
    double idleRss = Procs.rssMiB(trivial.pid());
    List<String> gets = new ArrayList<>();
    List<String> posts = new ArrayList<>();
    String body = applicationBody(0);
    for (int i = 0; i < 1000; i++) {
      // The same headers as the suite's requests (a token of the same size), for a fair ceiling.
      String token = bearer("OPERATOR", "benchmark");
      gets.add(Wrk.line("GET", "/hello", token, "-", "JINGTONG_MINI_PROGRAM", ""));
      posts.add(Wrk.line("POST", "/cards", token, "-", "JINGTONG_MINI_PROGRAM", body));
    }
    // the lists wrap around: the trivial endpoint does not care about repeats
    Path getFile = wrk.requestsFile("trivial-get.txt", repeatForever(gets));
    Path postFile = wrk.requestsFile("trivial-post.txt", repeatForever(posts));
    List<Wrk.Result> getRuns = new ArrayList<>();
    List<Wrk.Result> postRuns = new ArrayList<>();
    double loadRss = 0;
    for (int r = 0; r < size.repeats; r++) {
      getRuns.add(wrk.run(trivial.url(), getFile, 2, size.concurrency, size.duration, 0));
      loadRss = Math.max(loadRss, Procs.rssMiB(trivial.pid()));
      postRuns.add(wrk.run(trivial.url(), postFile, 2, size.concurrency, size.duration, 0));
      loadRss = Math.max(loadRss, Procs.rssMiB(trivial.pid()));
    }
    trivial.stop();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("readySeconds", Stats.summary(ready).toMap());
    d.put("idleRssMiB", Stats.round(idleRss));
    d.put("rssAfterLoadMiB", Stats.round(loadRss));
    d.put("get", runs(getRuns));
    d.put("post", runs(postRuns));
    report.details().put("ceilingTrivialQuarkus", d);
    report.details().put("trivialReadySummary", Stats.summary(ready));
    trivialReady = Stats.summary(ready);
    trivialIdleRss = idleRss;
    trivialGet = getRuns;
    return Stats.summary(postRuns.stream().map(Wrk.Result::okPerSecond).toList());
  }

  private Stats.Summary trivialReady;
  private double trivialIdleRss;
  private List<Wrk.Result> trivialGet;

  private static List<String> repeatForever(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      out.addAll(lines);
    }
    return out;
  }

  private Map<Integer, Stats.Summary> jdbcCeiling() throws Exception {
    say("ceiling: plain JDBC inserts of event-sized rows, one per transaction ...");
    String url = infra.postgres().jdbcUrl();
    try (Connection c =
            DriverManager.getConnection(url, infra.postgres().user(), infra.postgres().password());
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
    int seconds = Math.min(size.duration, 10);
    for (int clients : new int[] {1, 8, size.concurrency}) {
      List<Double> rates = new ArrayList<>();
      for (int r = 0; r < size.repeats; r++) {
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
                                url, infra.postgres().user(), infra.postgres().password());
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
    report.details().put("ceilingJdbc", d);
    return out;
  }

  private Map<String, Stats.Summary> kafkaCeiling() throws Exception {
    say(
        "ceiling: Apache Kafka's ProducerPerformance and ConsumerPerformance on the same broker ...");
    String topic = "benchmark-raw.v1";
    int partitions = 6; // as card-lifecycle.v1 (SUITE_CARD_TOPIC_PARTITIONS)
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    // The payloads are the contract's own envelopes, so record size and compressibility match.
    Path payloads = work.resolve("envelopes.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      for (Class<? extends CardEvent> type : LIFE) {
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
    int records = Math.max(size.replayEvents, 200_000);
    List<Double> produced = new ArrayList<>();
    List<Double> consumed = new ArrayList<>();
    for (int r = 0; r < size.repeats; r++) {
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
              "bootstrap.servers=" + infra.kafka().bootstrapServers(),
              "acks=all",
              "enable.idempotence=true",
              "compression.type=lz4",
              "linger.ms=5");
      produced.add(lastNumberBefore(p, "records/sec"));
      String c =
          tool(
              "org.apache.kafka.tools.ConsumerPerformance",
              "--bootstrap-server",
              infra.kafka().bootstrapServers(),
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
    report.details().put("ceilingKafka", d);
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
        work.resolve(main.substring(main.lastIndexOf('.') + 1) + ".log"),
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

  // ---------------------------------------------------------------- the suite

  private void startSuite() throws Exception {
    say("starting the four services, one after the other, each timed to /q/health/ready ...");
    SmsGatewaySimulator.Settings d = SmsGatewaySimulator.Settings.defaults();
    sms =
        SmsGatewaySimulator.start(
            new SmsGatewaySimulator.Settings(d.host(), 0, d.account(), d.secret()));
    Map<String, String> env = new LinkedHashMap<>(infra.serviceEnvironment());
    env.put("SUITE_SMS_GATEWAY_URL", sms.url());
    // The services have no default secrets (issue 16): the simulator's, and a key of this run.
    env.put("SUITE_SMS_GATEWAY_SECRET", d.secret());
    env.put("SUITE_NOTIFICATION_PSEUDONYM_SECRET", java.util.UUID.randomUUID().toString());
    // The run's own token issuer (ADR 16): the services check tokens with its public key.
    tokens.writeTo(out.resolve("jwt"));
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", out.resolve("jwt/public-key.pem").toString());
    int appPort = FreePort.find();
    env.put("SUITE_APPLICATION_URL", "http://127.0.0.1:" + appPort);
    Path logs = out.resolve("logs");
    Map<String, Object> startup = new LinkedHashMap<>();
    for (String name : List.of(APP, CONSUMERS[0], CONSUMERS[1], CONSUMERS[2])) {
      Suite.Service s =
          Suite.service(home, name, name.equals(APP) ? appPort : FreePort.find(), env, logs);
      if (!Files.isRegularFile(s.jar)) {
        report.note(name + ": no built jar at " + s.jar + "; measured without it");
        continue;
      }
      List<Double> ready = new ArrayList<>();
      try {
        for (int r = 0; r < size.repeats; r++) {
          ready.add(s.start());
          if (r < size.repeats - 1) {
            s.stop();
          }
        }
      } catch (RuntimeException e) {
        report.note(name + " did not start (" + e.getMessage() + "); measured without it");
        s.stop();
        continue;
      }
      services.put(name, s);
      startup.put(name, Stats.summary(ready).toMap());
      readySeconds.put(name, Stats.summary(ready));
      say("  " + name + " ready in " + Stats.summary(ready).format(2) + " s");
    }
    report.details().put("readySeconds", startup);
    report
        .details()
        .put(
            "readyNote",
            "first start of each against an empty schema (Flyway migrates), later starts against the migrated schema; the four started one after the other, the rest of the suite idle");
  }

  private SmsGatewaySimulator sms;
  private final Map<String, Stats.Summary> readySeconds = new LinkedHashMap<>();

  /** Enough distinct persons for every accepted application of the run. */
  private void loadRegistry() throws Exception {
    int needed =
        size.repeats
            * (size.saturationCap * size.duration
                + (int) (size.rate * size.duration * 1.2)
                + size.lifecycleCards
                + size.samples * 2);
    say("loading " + needed + " insured persons through POST /insured-persons/import ...");
    long t0 = System.nanoTime();
    int chunk = 50_000;
    for (int from = 0; from < needed; from += chunk) {
      StringBuilder csv =
          new StringBuilder(
              "id_number,name,category,district_code,organisation_id,pension_bank_code\n");
      for (int i = from; i < Math.min(needed, from + chunk); i++) {
        csv.append(idNumber(i)).append(',').append(name(i)).append(",FLEXIBLE_WORKER,110105,,\n");
        persons.add(applicationBody(i));
      }
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url(APP) + "/insured-persons/import"))
                  .header("Content-Type", "text/csv")
                  .header("Authorization", bearer("OPERATOR", "benchmark"))
                  .header("X-Channel", "OPERATOR_CONSOLE")
                  .timeout(Duration.ofMinutes(5))
                  .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("persons", needed);
    d.put("seconds", Stats.round(s));
    d.put("rowsPerSecond", Stats.round(needed / s));
    report.details().put("registryImport", d);
    say(String.format("  %d persons in %.1f s", needed, s));
  }

  private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1975, 1, 1);
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"
  };

  /** The i-th person's valid, distinct ID number: a birthday per 1,000 persons. */
  static String idNumber(int i) {
    LocalDate birthday = FIRST_BIRTHDAY.plusDays(i / 1000);
    return SampleRegistry.id(
        "110105", birthday.getYear(), birthday.getMonthValue(), birthday.getDayOfMonth(), i % 1000);
  }

  static String name(int i) {
    return SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length];
  }

  static String applicationBody(int i) {
    return "{\"applicant\":{\"idNumber\":\""
        + idNumber(i)
        + "\",\"name\":\""
        + name(i)
        + "\",\"mobile\":\"139"
        + String.format("%08d", i)
        + "\"},\"bankCode\":\"ICBC\","
        + "\"collection\":{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"工商银行北京朝阳门支行\"}}";
  }

  private List<String> takePersons(int n) {
    if (nextPerson + n > persons.size()) {
      throw new IllegalStateException("registry exhausted: raise the registry size");
    }
    List<String> out = persons.subList(nextPerson, nextPerson + n);
    nextPerson += n;
    return out;
  }

  private Path applicationRequests(String file, int n) throws IOException {
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

  private String url(String name) {
    return services.get(name).url();
  }

  // ---------------------------------------------------------------- applications

  private void fixedRate(Map<Integer, Stats.Summary> jdbc) throws Exception {
    int connections = Math.max(8, size.rate / 20);
    int delayMs = 1000 * connections / size.rate;
    say(
        String.format(
            "fixed rate: about %d applications/s (wrk, %d connections, %d ms between requests on each), with %d e2e samples a run ...",
            size.rate, connections, delayMs, size.samples));
    List<Wrk.Result> runs = new ArrayList<>();
    Map<String, List<Double>> p50 = new LinkedHashMap<>();
    Map<String, List<Double>> p95 = new LinkedHashMap<>();
    Map<String, List<Double>> p99 = new LinkedHashMap<>();
    List<Map<String, Object>> e2eRuns = new ArrayList<>();
    for (int r = 0; r < size.repeats; r++) {
      Path file =
          applicationRequests("fixed-" + r + ".txt", (int) (size.rate * size.duration * 1.2));
      List<String> sampleBodies = takePersons(size.samples);
      E2eSampler sampler = new E2eSampler(sampleBodies, size.duration);
      sampler.start();
      runs.add(wrk.run(url(APP), file, 2, connections, size.duration, delayMs));
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
    report.details().put("fixedRate", d);
    Stats.Summary accepted =
        Stats.summary(runs.stream().map(Wrk.Result::acceptedPerSecond).toList());
    report.row(
        new Report.Row(
            "accepted applications/s at a fixed offered rate of " + size.rate + "/s (wrk, paced)",
            "/s",
            accepted,
            "offered rate",
            Stats.summary(List.of(size.rate, size.rate, size.rate)),
            null));
    report.row(
        new Report.Row(
            "  REST p50 latency at that rate",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p50).toList()),
            null,
            null,
            null));
    report.row(
        new Report.Row(
            "  REST p95 latency at that rate",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p95).toList()),
            null,
            null,
            null));
    report.row(
        new Report.Row(
            "  REST p99 latency at that rate",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p99).toList()),
            null,
            null,
            null));
    for (String projection : p50.keySet()) {
      report.row(
          new Report.Row(
              "e2e into " + projection + " p50",
              "ms",
              Stats.summary(p50.get(projection)),
              null,
              null,
              null));
      report.row(
          new Report.Row(
              "e2e into " + projection + " p95",
              "ms",
              Stats.summary(p95.get(projection)),
              null,
              null,
              null));
      report.row(
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
          http.send(
              post(
                  url(APP) + "/cards", "CITIZEN", applicantId(body), "JINGTONG_MINI_PROGRAM", body),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        missing.incrementAndGet();
        return null;
      }
      String card = cardId(r.body());
      Map<String, String> views = new LinkedHashMap<>();
      if (services.containsKey(CONSUMERS[0]))
        views.put(CONSUMERS[0], url(CONSUMERS[0]) + "/production-orders/" + card);
      if (services.containsKey(CONSUMERS[1]))
        views.put(CONSUMERS[1], url(CONSUMERS[1]) + "/banks/ICBC/cards/" + card);
      if (services.containsKey(CONSUMERS[2]))
        views.put(CONSUMERS[2], url(CONSUMERS[2]) + "/notifications/cards/" + card);
      long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
      while (!views.isEmpty() && System.nanoTime() < deadline) {
        for (var it = views.entrySet().iterator(); it.hasNext(); ) {
          var view = it.next();
          HttpResponse<String> g =
              http.send(get(view.getValue()), HttpResponse.BodyHandlers.ofString());
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
        .header("Authorization", bearer(role, actor))
        .header("X-Channel", channel)
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The run's development token issuer (ADR 16): keys made fresh for each run. */
  private final DevTokens tokens = DevTokens.generate();

  /** The tokens of the projection reads, signed once. */
  private final Map<String, String> readers = new java.util.concurrent.ConcurrentHashMap<>();

  /** The Authorization header of a caller named by actor role (a citizen by ID number). */
  private String bearer(String actorRole, String subject) {
    return "Bearer " + tokens.forActor(actorRole, subject);
  }

  /** The applicant's ID number in an application body: a citizen applies for themself. */
  private static String applicantId(String body) {
    Matcher m = Pattern.compile("\"idNumber\"\\s*:\\s*\"([0-9X]{18})\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no applicant ID number in " + body);
    }
    return m.group(1);
  }

  /** A POST (or GET) as an operator. */
  private HttpRequest operatorRequest(String url, boolean post) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", bearer("OPERATOR", "benchmark"))
            .header("X-Channel", "OPERATOR_CONSOLE")
            .timeout(Duration.ofSeconds(30));
    return (post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET()).build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String text(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + json);
    }
    return m.group(1);
  }

  /** A read of a projection: ICBC reads its own feed's cards, an auditor everything else. */
  private HttpRequest get(String url) {
    if (readers.isEmpty()) {
      readers.put("bank", bearer("BANK", "ICBC"));
      readers.put("auditor", bearer("AUDITOR", "benchmark"));
    }
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", readers.get(url.contains("/banks/") ? "bank" : "auditor"))
        .timeout(Duration.ofSeconds(30))
        .GET()
        .build();
  }

  static String cardId(String body) {
    Matcher m = Pattern.compile("\"cardId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no cardId in " + body);
    }
    return m.group(1);
  }

  private void saturation(Stats.Summary trivialPost, Map<Integer, Stats.Summary> jdbc)
      throws Exception {
    say("saturation: wrk, " + size.concurrency + " connections, " + size.duration + " s a run ...");
    List<Wrk.Result> runs = new ArrayList<>();
    Map<String, Double> loadRss = new LinkedHashMap<>();
    Map<String, Object> cpu = null;
    Map<String, Object> profile = null;
    for (int r = 0; r < size.repeats; r++) {
      Path file =
          applicationRequests("saturation-" + r + ".txt", size.saturationCap * size.duration);
      boolean last = r == size.repeats - 1;
      Path jfr = work.resolve("application-service-saturation.jfr");
      if (last && size.profile) {
        services.get(APP).startJfr(jfr);
      }
      Map<String, Long> pids = pids();
      Map<String, Double> before = Procs.cpuByGroup(pids);
      RssSampler rss = new RssSampler();
      Wrk.Result result = wrk.run(url(APP), file, 2, size.concurrency, size.duration, 0);
      rss.stop().forEach((k, v) -> loadRss.merge(k, v, Math::max));
      if (r == 0) {
        Map<String, Double> used = Procs.diff(before, Procs.cpuByGroup(pids));
        cpu = new LinkedHashMap<>(used);
        cpu.put("wallSeconds", Stats.round(result.seconds()));
      }
      if (last && size.profile) {
        services.get(APP).stopJfr();
        profile = JfrSummary.summarise(jfr, 15);
      }
      runs.add(result);
      if (result.exhausted() > 0) {
        report.note(
            "saturation run "
                + (r + 1)
                + " used up its "
                + size.saturationCap * size.duration
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
    report.details().put("saturation", d);
    Stats.Summary accepted =
        Stats.summary(runs.stream().map(Wrk.Result::acceptedPerSecond).toList());
    Stats.Summary jdbcC = jdbc.get(size.concurrency);
    report.row(
        new Report.Row(
            "accepted applications/s at saturation (" + size.concurrency + " connections)",
            "/s",
            accepted,
            "plain JDBC insert of an event row, " + size.concurrency + " clients",
            jdbcC,
            "≥5,000"));
    report.row(
        new Report.Row(
            "  the same",
            "/s",
            accepted,
            "trivial Quarkus POST, same wrk settings",
            trivialPost,
            null));
    report.row(
        new Report.Row(
            "  REST p50 latency at saturation",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p50).toList()),
            null,
            null,
            null));
    report.row(
        new Report.Row(
            "  REST p95 latency at saturation",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p95).toList()),
            null,
            null,
            null));
    report.row(
        new Report.Row(
            "  REST p99 latency at saturation",
            "ms",
            Stats.summary(runs.stream().map(Wrk.Result::p99).toList()),
            "trivial Quarkus GET p99",
            Stats.summary(trivialGet.stream().map(Wrk.Result::p99).toList()),
            null));
    for (var e : loadRss.entrySet()) {
      loadRssMiB.put(e.getKey(), e.getValue());
    }
  }

  private final Map<String, Double> loadRssMiB = new LinkedHashMap<>();

  private Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    services.forEach((n, s) -> pids.put(n, s.pid()));
    pids.put("benchmark JVM (Kafka broker, sampler)", ProcessHandle.current().pid());
    return pids;
  }

  /** The highest VmRSS of each service while it runs, read every 500 ms. */
  private final class RssSampler {
    private final Map<String, Double> max = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    RssSampler() {
      thread =
          new Thread(
              () -> {
                while (!stop.get()) {
                  services.forEach((n, s) -> max.merge(n, Procs.rssMiB(s.pid()), Math::max));
                  try {
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      thread.start();
    }

    Map<String, Double> stop() throws InterruptedException {
      stop.set(true);
      thread.join();
      return max;
    }
  }

  private void lifecycle() throws Exception {
    say(
        "full lifecycle: "
            + size.lifecycleCards
            + " cards a run, apply → produce → dispatch → collect → enable, each step one wrk pass ...");
    List<Double> cardsPerSecond = new ArrayList<>();
    List<Map<String, Object>> detail = new ArrayList<>();
    RssSampler rss = new RssSampler();
    for (int r = 0; r < size.repeats; r++) {
      Map<String, Object> run = new LinkedHashMap<>();
      Path apply = applicationRequests("lifecycle-apply-" + r + ".txt", size.lifecycleCards);
      Wrk.Batch applied =
          wrk.runBatch(url(APP), apply, size.lifecycleCards, 2, size.concurrency, null);
      double total = applied.seconds();
      run.put("apply", batch(applied));
      List<String> cards = applied.cardIds();
      // The factory's reports arrive as card-production-service relays them (ADR 24): its token,
      // the factory in X-Actor-Role and X-Actor-Id.
      String[][] steps = {
        {
          "production",
          "CARD_PRODUCTION_SERVICE",
          "card-production-service",
          "CARD_FACTORY_API",
          "{\"cardNumber\":\"A12345678\"}",
          "CARD_FACTORY ICBC-card-bureau"
        },
        {
          "dispatch",
          "CARD_PRODUCTION_SERVICE",
          "card-production-service",
          "CARD_FACTORY_API",
          "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"工商银行北京朝阳门支行\"}",
          "CARD_FACTORY ICBC-card-bureau"
        },
        {"collection", "BANK", "ICBC", "BANK_OUTLET", "{\"outletName\":\"工商银行北京朝阳门支行\"}"},
        {"social-function", "BANK", "ICBC", "BANK_OUTLET", "{}"}
      };
      long completed = 0;
      for (String[] step : steps) {
        List<String> lines = new ArrayList<>();
        for (String card : cards) {
          lines.add(
              Wrk.line(
                  "POST",
                  "/cards/" + card + "/" + step[0],
                  bearer(step[1], step[2]),
                  step.length > 5 ? step[5] : "-",
                  step[3],
                  step[4]));
        }
        Path f = wrk.requestsFile("lifecycle-" + step[0] + "-" + r + ".txt", lines);
        Wrk.Batch b = wrk.runBatch(url(APP), f, lines.size(), 2, size.concurrency, null);
        total += b.seconds();
        run.put(step[0], batch(b));
        completed = b.ok();
      }
      run.put("cardsEnabled", completed);
      run.put("seconds", Stats.round(total));
      cardsPerSecond.add(completed / total);
      detail.add(run);
      say(
          String.format(
              "  run %d: %d cards enabled in %.1f s = %.0f cards/s",
              r + 1, completed, total, completed / total));
    }
    rss.stop().forEach((k, v) -> loadRssMiB.merge(k, v, Math::max));
    report
        .details()
        .put(
            "lifecycle",
            Map.of(
                "runs",
                detail,
                "how",
                "five wrk passes one after the other (each step for every card of the run), timed from wrk's start to its last answer; cards/s = cards enabled / sum of the five passes"));
    report.row(
        new Report.Row(
            "full lifecycle (apply, produce, dispatch, collect, enable)",
            "cards/s",
            Stats.summary(cardsPerSecond),
            null,
            null,
            null));
  }

  private static Map<String, Object> batch(Wrk.Batch b) {
    return Map.of("seconds", Stats.round(b.seconds()), "ok", b.ok(), "failed", b.failed());
  }

  // ---------------------------------------------------------------- replay

  static final List<Class<? extends CardEvent>> LIFE =
      List.of(
          CardRequested.class,
          CardProduced.class,
          CardDispatched.class,
          CardCollected.class,
          SocialFunctionEnabled.class);

  /**
   * The golden sample of {@code type} for the replay's {@code c}-th card. Each card is a person of
   * its own (a valid, distinct ID number and mobile), as on the programme's real topic: with the
   * golden sample's one person for every card, the projections' per-person lookups (the anti-fraud
   * check of a person's previous mobile) would see hundreds of thousands of cards of one person.
   */
  static byte[] replayEvent(Class<? extends CardEvent> type, String card, int c) {
    byte[] json = GoldenSamples.jsonForCard(EventTypes.require(type), card);
    if (type != CardRequested.class) {
      return json;
    }
    return new String(json, StandardCharsets.UTF_8)
        .replace(GOLDEN_ID_NUMBER, idNumber(c))
        .replace(GOLDEN_MOBILE, String.format("137%08d", c))
        .getBytes(StandardCharsets.UTF_8);
  }

  static final String GOLDEN_ID_NUMBER = "11010519491231002X";
  static final String GOLDEN_MOBILE = "13800138000";

  private void replay(Map<String, Stats.Summary> kafka) throws Exception {
    int cards = size.replayEvents / LIFE.size();
    say(
        "replay: "
            + cards * LIFE.size()
            + " contract events ("
            + cards
            + " cards × 5, golden samples) into "
            + Topics.CARD_LIFECYCLE
            + " ...");
    Map<String, Object> d = new LinkedHashMap<>();
    Properties props = infra.kafka().adminProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    long t0 = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int c = 0; c < cards; c++) {
        String card = UUID.randomUUID().toString();
        for (Class<? extends CardEvent> type : LIFE) {
          producer.send(
              new ProducerRecord<>(Topics.CARD_LIFECYCLE, card, replayEvent(type, card, c)));
        }
      }
      producer.flush();
    }
    double injectSeconds = (System.nanoTime() - t0) / 1e9;
    long topicEvents = endOffsets().values().stream().mapToLong(Long::longValue).sum();
    d.put("injectedEvents", cards * LIFE.size());
    d.put("injectSeconds", Stats.round(injectSeconds));
    d.put("eventsInTopic", topicEvents);
    say(
        String.format(
            "  injected in %.1f s; %d events in the topic; waiting for the three consumers to catch up (all three at once) ...",
            injectSeconds, topicEvents));
    Map<String, Object> catchUp = new LinkedHashMap<>();
    Map<String, Double> done = waitForGroups(List.of(CONSUMERS), t0, Duration.ofMinutes(60));
    done.forEach(
        (g, s) ->
            catchUp.put(
                g,
                Map.of(
                    "seconds",
                    Stats.round(s),
                    "eventsPerSecond",
                    Stats.round(cards * LIFE.size() / s))));
    d.put("liveCatchUpAllThreeAtOnce", catchUp);
    say("  caught up: " + catchUp);
    Map<String, Stats.Summary> rebuild = new LinkedHashMap<>();
    if (size.rebuild) {
      for (String consumer : CONSUMERS) {
        if (!services.containsKey(consumer)) continue;
        List<Double> rates = new ArrayList<>();
        int rebuildRepeats = size.rebuildRepeats < 0 ? size.repeats : size.rebuildRepeats;
        for (int r = 0; r < rebuildRepeats; r++) {
          Suite.Service s = services.get(consumer);
          Path jfr = work.resolve(consumer + "-rebuild.jfr");
          boolean profile = size.profile && r == 0;
          if (profile) s.startJfr(jfr);
          HttpResponse<String> resp =
              http.send(operatorRequest(s.url() + "/projection/rebuild", true), ofString());
          if (resp.statusCode() != 202) {
            report.note(consumer + " rebuild answered " + resp.statusCode() + ": " + resp.body());
            break;
          }
          // The rebuild's own progress: events applied from the copy's start to the switch.
          String progress;
          do {
            Thread.sleep(500);
            progress =
                http.send(operatorRequest(s.url() + "/projection/rebuild", false), ofString())
                    .body();
          } while (!progress.contains("\"state\":\"DONE\"")
              && !progress.contains("\"state\":\"FAILED\""));
          if (profile) {
            s.stopJfr();
            d.put("jfr " + consumer + " rebuild", JfrSummary.summarise(jfr, 15));
          }
          if (progress.contains("\"state\":\"FAILED\"")) {
            report.note(consumer + " rebuild failed: " + progress);
            break;
          }
          long applied = number(progress, "eventsApplied");
          long millis =
              Duration.between(
                      java.time.Instant.parse(text(progress, "startedAt")),
                      java.time.Instant.parse(text(progress, "finishedAt")))
                  .toMillis();
          double rate = applied * 1000.0 / Math.max(1, millis);
          rates.add(rate);
          d.put(consumer + " rebuild " + (r + 1), progress);
          say(
              String.format(
                  "  %s rebuild %d: %d events in %.1f s = %.0f events/s (identical: %s)",
                  consumer,
                  r + 1,
                  applied,
                  millis / 1000.0,
                  rate,
                  progress.contains("\"identical\":true")));
        }
        rebuild.put(consumer, Stats.summary(rates));
        d.put(consumer + " rebuildEventsPerSecond", Stats.summary(rates).toMap());
      }
    }
    report.details().put("replay", d);
    for (String g : CONSUMERS) {
      if (done.containsKey(g)) {
        report.row(
            new Report.Row(
                "live catch-up of "
                    + g
                    + " ("
                    + cards * LIFE.size()
                    + " events, three services at once)",
                "events/s",
                Stats.summary(List.of(cards * LIFE.size() / done.get(g))),
                "Kafka ConsumerPerformance",
                kafka.get("consumer"),
                null));
      }
    }
    for (var e : rebuild.entrySet()) {
      report.row(
          new Report.Row(
              "rebuild of " + e.getKey() + " (whole topic, " + topicEvents + " events)",
              "events/s",
              e.getValue(),
              "Kafka ConsumerPerformance",
              kafka.get("consumer"),
              "≥100,000"));
    }
    report.row(
        new Report.Row(
            "publication: inject "
                + cards * LIFE.size()
                + " events with a Kafka producer (one run)",
            "events/s",
            Stats.summary(List.of(cards * LIFE.size() / injectSeconds)),
            "Kafka ProducerPerformance",
            kafka.get("producer"),
            null));
    footprintRows();
  }

  private void footprintRows() {
    @SuppressWarnings("unchecked")
    Map<String, Double> idle = (Map<String, Double>) report.details().get("idleRssMiB");
    for (String name : services.keySet()) {
      report.row(
          new Report.Row(
              name + ": ready",
              "s",
              readySeconds.get(name),
              "trivial Quarkus app ready",
              trivialReady,
              "<2 s"));
      report.row(
          new Report.Row(
              name + ": RSS idle",
              "MiB",
              Stats.summary(List.of(idle.get(name))),
              "trivial Quarkus app idle",
              Stats.summary(List.of(trivialIdleRss)),
              "<200 MB"));
      if (loadRssMiB.containsKey(name)) {
        report.row(
            new Report.Row(
                name + ": RSS under load (max)",
                "MiB",
                Stats.summary(List.of(loadRssMiB.get(name))),
                null,
                null,
                null));
      }
    }
  }

  private Admin admin() {
    Properties p = infra.kafka().adminProperties();
    return Admin.create(p);
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    try (Admin admin = admin()) {
      int partitions =
          admin
              .describeTopics(List.of(Topics.CARD_LIFECYCLE))
              .allTopicNames()
              .get()
              .get(Topics.CARD_LIFECYCLE)
              .partitions()
              .size();
      Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
      for (int p = 0; p < partitions; p++)
        specs.put(new TopicPartition(Topics.CARD_LIFECYCLE, p), OffsetSpec.latest());
      Map<TopicPartition, Long> out = new LinkedHashMap<>();
      admin.listOffsets(specs).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    }
  }

  /** Seconds from {@code start} until each group's committed offsets reach the topic's end. */
  private Map<String, Double> waitForGroups(List<String> groups, long start, Duration timeout)
      throws Exception {
    Map<String, Double> done = new LinkedHashMap<>();
    Map<TopicPartition, Long> end = endOffsets();
    long deadline = start + timeout.toNanos();
    try (Admin admin = admin()) {
      while (done.size() < groups.size() && System.nanoTime() < deadline) {
        for (String g : groups) {
          if (done.containsKey(g)) continue;
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
          boolean caughtUp = true;
          for (var e : end.entrySet()) {
            OffsetAndMetadata o = committed.get(e.getKey());
            if (e.getValue() > 0 && (o == null || o.offset() < e.getValue())) {
              caughtUp = false;
            }
          }
          if (caughtUp) done.put(g, (System.nanoTime() - start) / 1e9);
        }
        Thread.sleep(100);
      }
    }
    for (String g : groups) {
      if (!done.containsKey(g)) report.note(g + " did not catch up within " + timeout);
    }
    return done;
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Object> runs(List<Wrk.Result> runs) {
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

  @SuppressWarnings("unused")
  private static <T> T unused(Supplier<T> s) {
    return s.get();
  }
}
