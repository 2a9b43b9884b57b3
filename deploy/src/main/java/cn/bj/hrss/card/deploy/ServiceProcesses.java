package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.ServiceLaunch;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The four services, each run from its built jar as a process of its own, configured by environment
 * variables (SUITE_DB_*, SUITE_KAFKA_BOOTSTRAP_SERVERS, and SUITE_APPLICATION_URL, where the others
 * reach application-service) and a port, its output written to a log file. A service can be stopped
 * and started again, as in a restart drill, or at an operator's request ({@link LocalRunControl}):
 * stopping, restarting and closing are done one at a time, so that a service restarted while the
 * suite stops is stopped too.
 */
public final class ServiceProcesses implements AutoCloseable {

  /**
   * Where the services' own tokens are ({@link SuiteTokens}): each service is given its file,
   * NAME.token, as SUITE_SERVICE_TOKEN_FILE.
   */
  public static final String SERVICE_TOKEN_DIRECTORY = "SUITE_SERVICE_TOKEN_DIRECTORY";

  /** The services, in the order they are started, with their default ports. */
  public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> ports;
  private final Path logDirectory;
  private final Path suiteHome;
  private final Map<String, String> environment = new LinkedHashMap<>();

  private ServiceProcesses(
      Map<String, Integer> ports,
      Path logDirectory,
      Path suiteHome,
      Map<String, String> environment) {
    this.ports = ports;
    this.logDirectory = logDirectory;
    this.suiteHome = suiteHome;
    this.environment.putAll(environment);
    Map<String, String> urls =
        Map.of(
            "application-service", "SUITE_APPLICATION_URL",
            "card-production-service", "SUITE_CARD_PRODUCTION_URL",
            "bank-gateway-service", "SUITE_BANK_GATEWAY_URL",
            "notification-service", "SUITE_NOTIFICATION_URL");
    urls.forEach(
        (service, variable) -> {
          if (ports.containsKey(service)) {
            this.environment.put(variable, url(service));
          }
        });
    // The services take no secret by default (issue 16); the local run and the drills give theirs:
    // the SMS gateway simulator's credentials, and a pseudonym key of this run.
    this.environment.putIfAbsent("SUITE_SMS_GATEWAY_SECRET", SmsGatewaySimulator.DEFAULT_SECRET);
    this.environment.putIfAbsent("SUITE_NOTIFICATION_PSEUDONYM_SECRET", randomKey());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.HexFormat.of().formatHex(key);
  }

  private static Map<String, Integer> defaultPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("application-service", 8081);
    ports.put("card-production-service", 8082);
    ports.put("bank-gateway-service", 8083);
    ports.put("notification-service", 8084);
    return ports;
  }

  /**
   * Starts every service.
   *
   * @param suiteHome the checkout, where each service's target/quarkus-app was built
   * @param environment the SUITE_* settings of the database and the broker
   * @param ports each service's HTTP port
   * @param logDirectory where each service's output goes, as NAME.log
   */
  public static ServiceProcesses start(
      Path suiteHome,
      Map<String, String> environment,
      Map<String, Integer> ports,
      Path logDirectory) {
    ServiceProcesses services = new ServiceProcesses(ports, logDirectory, suiteHome, environment);
    try {
      Files.createDirectories(logDirectory);
      for (String name : ports.keySet()) {
        services.startOne(name, false);
      }
      return services;
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * The service an instance name runs: "card-production-service#2" is a second instance of
   * card-production-service (the cluster mode's drills run two of each).
   */
  public static String serviceOf(String name) {
    int hash = name.indexOf('#');
    return hash < 0 ? name : name.substring(0, hash);
  }

  private void startOne(String name, boolean again) throws IOException {
    int port = ports.get(name);
    Path jar = suiteHome.resolve(serviceOf(name)).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the suite first (./mvnw package)");
    }
    // The JVM options of every launcher (ADR 35), run where the jar's class-data archive is.
    ProcessBuilder builder =
        ServiceLaunch.of(suiteHome, jar, port)
            .redirectErrorStream(true)
            .redirectOutput(
                again
                    ? ProcessBuilder.Redirect.appendTo(log(name).toFile())
                    : ProcessBuilder.Redirect.to(log(name).toFile()));
    builder.environment().putAll(environment);
    kafkaPrincipal(serviceOf(name)).forEach(builder.environment()::put);
    if (environment.containsKey(SERVICE_TOKEN_DIRECTORY)) {
      Path token = Path.of(environment.get(SERVICE_TOKEN_DIRECTORY), serviceOf(name) + ".token");
      if (Files.isRegularFile(token)) {
        builder.environment().put("SUITE_SERVICE_TOKEN_FILE", token.toString());
      }
    }
    processes.put(name, builder.start());
  }

  /**
   * The service's own Kafka principal (ADR 20), named after it, with its password from {@link
   * LocalInfrastructure#KAFKA_CREDENTIALS_DIRECTORY}: nothing when that is not set.
   */
  private Map<String, String> kafkaPrincipal(String service) throws IOException {
    String directory = environment.get(LocalInfrastructure.KAFKA_CREDENTIALS_DIRECTORY);
    if (directory == null || directory.isBlank()) {
      return Map.of();
    }
    Path password = Path.of(directory, service + ".password");
    if (!Files.isRegularFile(password)) {
      throw new IllegalStateException("no Kafka credential for " + service + " in " + directory);
    }
    return Map.of(
        KafkaClientSecurity.USERNAME,
        service,
        KafkaClientSecurity.PASSWORD,
        Files.readString(password).trim());
  }

  public String url(String name) {
    return "http://127.0.0.1:" + ports.get(name);
  }

  /** The instances this suite runs, in the order they were started. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(ports.keySet()));
  }

  /** The operating system's id of the instance's current process. */
  public synchronized long pid(String name) {
    Process process = processes.get(name);
    if (process == null) {
      throw new IllegalArgumentException("no service " + name);
    }
    return process.pid();
  }

  public Path log(String name) {
    return logDirectory.resolve(name + ".log");
  }

  /**
   * Waits until every service answers its readiness check, or fails naming the ones that do not.
   */
  public void awaitReady(Duration timeout) {
    awaitReady(timeout, new ArrayList<>(processes.keySet()));
  }

  /** Waits until the named services answer their readiness check (after a restart, say). */
  public void awaitReady(Duration timeout, List<String> names) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    List<String> waiting = new ArrayList<>(names);
    while (!waiting.isEmpty()) {
      for (String name : List.copyOf(waiting)) {
        if (!processes.get(name).isAlive()) {
          throw new IllegalStateException(name + " exited during start-up; see " + log(name));
        }
        if (isReady(http, url(name) + "/q/health/ready")) {
          waiting.remove(name);
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not ready after " + timeout + ": " + waiting);
      }
      sleep(250);
    }
  }

  private static boolean isReady(HttpClient http, String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops one service (SIGTERM, then kill after 20 s); {@link #restart} starts it again. */
  public synchronized void stop(String name) {
    Process process = processes.get(name);
    if (process == null) {
      throw new IllegalArgumentException("no service " + name);
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills one service at once (SIGKILL, as a crash would); {@link #restart} starts it again. */
  public synchronized void kill(String name) {
    Process process = processes.get(name);
    if (process == null) {
      throw new IllegalArgumentException("no service " + name);
    }
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts one service again, on the same port and with the same environment, its output appended
   * to its log; stops it first if it is running. Then {@link #awaitReady} waits for it.
   */
  public synchronized void restart(String name) {
    Process process = processes.get(name);
    if (process != null && process.isAlive()) {
      stop(name);
    }
    try {
      startOne(name, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks every service to stop (SIGTERM), waits for each, and kills one that does not stop. */
  @Override
  public synchronized void close() {
    processes.values().forEach(Process::destroy);
    for (Process process : processes.values()) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
