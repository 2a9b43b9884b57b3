package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.factorysim.FactorySimulator;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole suite on one machine: PostgreSQL and a single-node Kafka broker (or the ones named by
 * SUITE_DB_URL and SUITE_KAFKA_BOOTSTRAP_SERVERS), then the four services. Ctrl-C stops the
 * services, the broker and the database, in that order. With {@code --demo}, one card is driven
 * through its whole lifecycle and each service's view of it is printed. With {@code --cluster}:
 * three Kafka brokers, each its own process (replication factor 3, min.insync.replicas 2), and two
 * instances of every service, the second on 8091-8094 (issue 10, ADR 14).
 */
public final class LocalSuite {

  /** Where the local run's token issuer keeps its keys and the services' tokens. */
  static final String JWT_DIR = "target/local-run-logs/jwt";

  private static final int POSTGRES_PORT = 15432;
  private static final int KAFKA_PORT = 9092;

  /** The frontends (issue 21): the citizen H5 app, the organisations' portal, the console. */
  static final String FRONTENDS = "frontends";

  private static final int FRONTENDS_PORT = 8085;

  private LocalSuite() {}

  public static void main(String[] args) throws Exception {
    boolean demo = List.of(args).contains("--demo");
    boolean factorySimulator = List.of(args).contains("--factory-simulator");
    boolean cluster = List.of(args).contains("--cluster");
    Path home = Path.of(System.getProperty("suite.home", ".")).toAbsolutePath().normalize();
    Path logs = home.resolve("target/local-run-logs");

    say(
        cluster
            ? "starting PostgreSQL and three Kafka brokers ..."
            : "starting PostgreSQL and Kafka ...");
    LocalInfrastructure infra =
        cluster
            ? LocalInfrastructure.startCluster(System.getenv(), POSTGRES_PORT, 3)
            : LocalInfrastructure.start(System.getenv(), POSTGRES_PORT, KAFKA_PORT);
    say(
        "  PostgreSQL  "
            + infra.postgres().jdbcUrl()
            + (infra.postgres().startedHere() ? "" : " (existing)"));
    say(
        "  Kafka       "
            + infra.kafka().bootstrapServers()
            + (infra.kafka().startedHere() ? "" : " (existing)"));
    infra
        .cluster()
        .ifPresent(
            brokers ->
                say(
                    "  Kafka tools SCRAM-SHA-512 over TLS (ADR 20): add --command-config "
                        + brokers.security().writeClientConfig("admin")
                        + " (or --consumer.config / --producer.config) to deploy/kafka-tool.sh"));

    Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
    SmsGatewaySimulator smsGateway = null;
    if (System.getenv("SUITE_SMS_GATEWAY_URL") == null) {
      smsGateway = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults());
      environment.put("SUITE_SMS_GATEWAY_URL", smsGateway.url());
      say("  SMS gateway " + smsGateway.url() + " (simulator: records what it receives)");
    } else {
      environment.put("SUITE_SMS_GATEWAY_URL", System.getenv("SUITE_SMS_GATEWAY_URL"));
    }
    SmsGatewaySimulator gateway = smsGateway;
    SuiteTokens tokens = SuiteTokens.start(home.resolve(JWT_DIR));
    environment.putAll(tokens.environment());
    say(
        "  token issuer  keys made for this run in "
            + home.resolve(JWT_DIR)
            + "; a token for any role: deploy/token.sh ROLE SUBJECT");
    // The frontends' pages sign in here and call the APIs from their own origin (ADR 39).
    List<String> frontendOrigins =
        List.of("http://127.0.0.1:" + FRONTENDS_PORT, "http://localhost:" + FRONTENDS_PORT);
    DevIdentityIssuer signIn =
        DevIdentityIssuer.start(tokens.issuer(), DevIdentityIssuer.DEFAULT_PORT, frontendOrigins);
    environment.put("SUITE_FRONTEND_ORIGINS", String.join(",", frontendOrigins));
    environment.put("SUITE_SIGN_IN_URL", signIn.url());

    AtomicReference<ServiceProcesses> services = new AtomicReference<>();
    AtomicReference<FactorySimulator> factory = new AtomicReference<>();
    AtomicReference<LocalRunControl> control = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  say("stopping the services, Kafka and PostgreSQL ...");
                  try {
                    if (control.get() != null) {
                      control.get().close();
                    }
                    if (factory.get() != null) {
                      factory.get().close();
                    }
                    if (services.get() != null) {
                      services.get().close();
                    }
                  } finally {
                    signIn.close();
                    if (gateway != null) {
                      gateway.close();
                    }
                    infra.close();
                    say("stopped.");
                    stopped.countDown();
                  }
                },
                "stop-local-suite"));
    try {
      say("starting the services (logs in " + logs + ") ...");
      Map<String, Integer> ports = new LinkedHashMap<>(ServiceProcesses.DEFAULT_PORTS);
      if (cluster) {
        // A second instance of each service, on 8091-8094 (ADR 14).
        ServiceProcesses.DEFAULT_PORTS.forEach((name, port) -> ports.put(name + "#2", port + 10));
      }
      ports.put(FRONTENDS, FRONTENDS_PORT);
      services.set(ServiceProcesses.start(home, environment, ports, logs));
      services.get().awaitReady(Duration.ofMinutes(cluster ? 6 : 3));
      // deploy/ops.sh restart NAME: a service restarted by the operator stays this run's (ADR 38).
      control.set(LocalRunControl.start(logs, services.get(), LocalSuite::say));
      say("");
      say("The suite is up:");
      for (String name : ports.keySet()) {
        String url = services.get().url(name);
        if (name.equals(FRONTENDS)) {
          say(
              String.format(
                  "  %-24s %s/   (citizen H5 %s/citizen/, organisations %s/organisation/,"
                      + " console %s/operator/; sign-in %s)",
                  name, url, url, url, url, signIn.url()));
          continue;
        }
        say(
            String.format(
                "  %-24s %s   (OpenAPI, with an operator's token: %s/q/openapi)", name, url, url));
      }
      say("  restart one of them: deploy/ops.sh restart NAME");
      if (factorySimulator) {
        FactorySimulator.Settings settings =
            FactorySimulator.Settings.of(services.get().url("card-production-service"));
        if (demo) {
          // The demo drives its own cards (ICBC, CCB) by hand; the simulator takes the others.
          settings =
              settings.withBanks(
                  FactorySimulator.ALL_BANKS.stream()
                      .filter(bank -> !bank.equals("ICBC") && !bank.equals("CCB"))
                      .toList());
        }
        factory.set(FactorySimulator.start(settings, tokens::token));
        say(
            "  card factory simulator on: the card bureaus <BANK>"
                + FactorySimulator.SUFFIX
                + " produce and dispatch open orders through card-production-service's factory API");
      }
      if (demo) {
        say("");
        new Demo(services.get(), gateway, tokens).run();
      }
    } catch (Exception e) {
      say("FAILED: " + e.getMessage());
      System.exit(1); // runs the shutdown hook: nothing is left behind
    }
    say("");
    say("Press Ctrl-C to stop.");
    stopped.await();
  }

  static void say(String line) {
    System.out.println(line);
  }
}
