package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.CONSUMERS;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite under test: the four services started one after the other, each timed to
 * /q/health/ready; the registry of the run's persons; and the footprint rows (ready, RSS idle and
 * under load) beside the trivial app's.
 */
final class Readiness {

  private final Benchmark benchmark;

  Readiness(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  void startSuite() throws Exception {
    say("starting the four services, one after the other, each timed to /q/health/ready ...");
    SmsGatewaySimulator.Settings d = SmsGatewaySimulator.Settings.defaults();
    benchmark.sms =
        SmsGatewaySimulator.start(
            new SmsGatewaySimulator.Settings(d.host(), 0, d.account(), d.secret()));
    Map<String, String> env = new LinkedHashMap<>(benchmark.infra.serviceEnvironment());
    env.put("SUITE_SMS_GATEWAY_URL", benchmark.sms.url());
    // The services have no default secrets (issue 16): the simulator's, and a key of this run.
    env.put("SUITE_SMS_GATEWAY_SECRET", d.secret());
    env.put("SUITE_NOTIFICATION_PSEUDONYM_SECRET", java.util.UUID.randomUUID().toString());
    // The run's own token issuer (ADR 16): the services check tokens with its public key.
    benchmark.tokens.writeTo(benchmark.out.resolve("jwt"));
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", benchmark.out.resolve("jwt/public-key.pem").toString());
    int appPort = FreePort.find();
    env.put("SUITE_APPLICATION_URL", "http://127.0.0.1:" + appPort);
    // Quarkus times each step of a start and logs it (StartupSteps): where the start goes.
    env.put("QUARKUS_DEBUG_PRINT_STARTUP_TIMES", "true");
    Path logs = benchmark.out.resolve("logs");
    Map<String, Object> startup = new LinkedHashMap<>();
    Map<String, Object> slowestSteps = new LinkedHashMap<>();
    for (String name : List.of(APP, CONSUMERS[0], CONSUMERS[1], CONSUMERS[2])) {
      Suite.Service s =
          Suite.service(
              benchmark.home, name, name.equals(APP) ? appPort : FreePort.find(), env, logs);
      if (!Files.isRegularFile(s.jar)) {
        benchmark.report.note(name + ": no built jar at " + s.jar + "; measured without it");
        continue;
      }
      List<Double> ready = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Map<String, Integer>> steps = new ArrayList<>();
      try {
        for (int r = 0; r < benchmark.size.repeats; r++) {
          ready.add(s.start());
          cpu.add(s.cpuToReady);
          steps.add(s.startupSteps);
          if (r < benchmark.size.repeats - 1) {
            s.stop();
          }
        }
      } catch (RuntimeException e) {
        benchmark.report.note(
            name + " did not start (" + e.getMessage() + "); measured without it");
        s.stop();
        continue;
      }
      benchmark.services.put(name, s);
      startup.put(name, Stats.summary(ready).toMap());
      benchmark.readySeconds.put(name, Stats.summary(ready));
      benchmark.cpuToReady.put(name, Stats.summary(cpu));
      Map<String, Double> slowest = StartupSteps.slowest(steps, 6);
      slowestSteps.put(name, slowest);
      say(
          "  "
              + name
              + " ready in "
              + Stats.summary(ready).format(2)
              + " s, "
              + Stats.summary(cpu).format(2)
              + " CPU s; slowest steps (median ms): "
              + slowest);
    }
    benchmark.report.details().put("readySeconds", startup);
    benchmark.report.details().put("startupStepsMedianMs", slowestSteps);
    benchmark
        .report
        .details()
        .put(
            "readyNote",
            "first start of each against an empty schema (Flyway migrates), later starts against the migrated schema; the four started one after the other, the rest of the suite idle");
  }

  /** Enough distinct persons for every accepted application of the run. */
  void loadRegistry() throws Exception {
    int needed =
        benchmark.size.repeats
            * (benchmark.size.saturationCap * benchmark.size.duration
                + (int) (benchmark.size.rate * benchmark.size.duration * 1.2)
                + benchmark.size.lifecycleCards
                + benchmark.size.samples * 2);
    double s = addPersons(needed);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("persons", needed);
    d.put("seconds", Stats.round(s));
    d.put("rowsPerSecond", Stats.round(needed / s));
    benchmark.report.details().put("registryImport", d);
  }

  /**
   * Adds {@code count} new distinct persons to the registry (and to the run's application bodies),
   * after those loaded before; returns the seconds it took.
   */
  double addPersons(int count) throws Exception {
    return addPersons(count, i -> "FLEXIBLE_WORKER");
  }

  /** The same, the i-th person of the category {@code category} gives (R-ELIG-2). */
  double addPersons(int count, java.util.function.IntFunction<String> category) throws Exception {
    say("loading " + count + " insured persons through POST /insured-persons/import ...");
    long t0 = System.nanoTime();
    int chunk = 50_000;
    int first = benchmark.persons.size();
    int needed = first + count;
    for (int from = first; from < needed; from += chunk) {
      StringBuilder csv =
          new StringBuilder(
              "id_number,name,category,district_code,organisation_id,pension_bank_code\n");
      for (int i = from; i < Math.min(needed, from + chunk); i++) {
        csv.append(idNumber(i))
            .append(',')
            .append(name(i))
            .append(',')
            .append(category.apply(i))
            .append(",110105,,\n");
        benchmark.persons.add(applicationBody(i));
      }
      HttpResponse<String> r =
          benchmark.http.send(
              HttpRequest.newBuilder(URI.create(benchmark.url(APP) + "/insured-persons/import"))
                  .header("Content-Type", "text/csv")
                  .header("Authorization", benchmark.bearer("OPERATOR", "benchmark"))
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
    say(String.format("  %d persons in %.1f s", count, s));
    return s;
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
    return applicationBody(
        i, "ICBC", "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"工商银行北京朝阳门支行\"}");
  }

  /** The i-th person's own application to {@code bankCode}, collected as {@code collection}. */
  static String applicationBody(int i, String bankCode, String collection) {
    return "{\"applicant\":{\"idNumber\":\""
        + idNumber(i)
        + "\",\"name\":\""
        + name(i)
        + "\",\"mobile\":\"139"
        + String.format("%08d", i)
        + "\"},\"bankCode\":\""
        + bankCode
        + "\",\"collection\":"
        + collection
        + "}";
  }

  void footprintRows() {
    @SuppressWarnings("unchecked")
    Map<String, Object> steps =
        (Map<String, Object>) benchmark.report.details().get("startupStepsMedianMs");
    if (steps != null) {
      steps.forEach(
          (name, slowest) ->
              benchmark.report.note(
                  name + ": the slowest steps of its start, median ms (Quarkus): " + slowest));
    }
    @SuppressWarnings("unchecked")
    Map<String, Double> idle = (Map<String, Double>) benchmark.report.details().get("idleRssMiB");
    for (String name : benchmark.services.keySet()) {
      benchmark.report.row(
          new Report.Row(
              name + ": ready",
              "s",
              benchmark.readySeconds.get(name),
              "trivial Quarkus app ready",
              benchmark.trivialReady,
              "<2 s"));
      benchmark.report.row(
          new Report.Row(
              name + ": CPU to ready (all threads, JIT included)",
              "s",
              benchmark.cpuToReady.get(name),
              null,
              null,
              null));
      benchmark.report.row(
          new Report.Row(
              name + ": RSS idle",
              "MiB",
              Stats.summary(List.of(idle.get(name))),
              "trivial Quarkus app idle",
              Stats.summary(List.of(benchmark.trivialIdleRss)),
              "<200 MB"));
      if (benchmark.loadRssMiB.containsKey(name)) {
        benchmark.report.row(
            new Report.Row(
                name + ": RSS under load (max)",
                "MiB",
                Stats.summary(List.of(benchmark.loadRssMiB.get(name))),
                null,
                null,
                null));
      }
    }
  }
}
