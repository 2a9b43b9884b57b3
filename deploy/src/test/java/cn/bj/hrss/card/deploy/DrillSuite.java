package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite a drill runs against, started in one place: the given infrastructure (PostgreSQL and
 * Kafka), the SMS gateway simulator, and the built services as processes with the suite's tokens.
 * Closing it stops every process it started, whatever fails on the way, and then the
 * infrastructure.
 */
final class DrillSuite implements AutoCloseable {

  static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  static final String APPLICATION = "application-service";
  static final List<String> CONSUMERS =
      List.of("card-production-service", "bank-gateway-service", "notification-service");

  final SuiteTokens tokens;
  final LocalInfrastructure infra;
  SmsGatewaySimulator smsGateway;
  ServiceProcesses services;

  private DrillSuite(SuiteTokens tokens, LocalInfrastructure infra) {
    this.tokens = tokens;
    this.infra = infra;
  }

  /** {@code deploy/target/NAME}: where a drill keeps its processes' logs. */
  static Path logs(String name) {
    return HOME.resolve("deploy/target").resolve(name);
  }

  /** A free port for each of {@code names} (services, or instances such as "name#2"). */
  static Map<String, Integer> freePorts(Collection<String> names) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    names.forEach(name -> ports.put(name, FreePort.find()));
    return ports;
  }

  /** The four services, each on a free port. */
  static Map<String, Integer> freePorts() {
    return freePorts(ServiceProcesses.DEFAULT_PORTS.keySet());
  }

  /**
   * Starts the SMS gateway and the services of {@code ports} on {@code infra} (closed with the
   * suite), with {@code extraEnvironment} over the infrastructure's, and waits until every service
   * is ready. If anything fails, what was started is stopped before the failure is thrown.
   */
  static DrillSuite start(
      SuiteTokens tokens,
      LocalInfrastructure infra,
      Map<String, String> extraEnvironment,
      Map<String, Integer> ports,
      Path logs,
      Duration ready) {
    DrillSuite suite = new DrillSuite(tokens, infra);
    try {
      Files.createDirectories(logs);
      suite.smsGateway =
          SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
      Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
      environment.putAll(extraEnvironment);
      environment.put("SUITE_SMS_GATEWAY_URL", suite.smsGateway.url());
      environment.putAll(tokens.environment());
      suite.services = ServiceProcesses.start(HOME, environment, ports, logs);
      suite.services.awaitReady(ready);
      return suite;
    } catch (IOException failure) {
      suite.close();
      throw new UncheckedIOException("the suite did not start", failure);
    } catch (RuntimeException | Error failure) {
      suite.close();
      throw failure;
    }
  }

  /**
   * The four services on free ports against their own PostgreSQL and Kafka broker (or those that
   * SUITE_DB_URL and SUITE_KAFKA_BOOTSTRAP_SERVERS name), logs in {@code deploy/target/LOGS}.
   */
  static DrillSuite start(SuiteTokens tokens, String logs) {
    return start(
        tokens,
        LocalInfrastructure.start(System.getenv(), 0, 0),
        Map.of(),
        freePorts(),
        logs(logs),
        Duration.ofMinutes(3));
  }

  String url(String service) {
    return services.url(service);
  }

  @Override
  public void close() {
    // Each in its own try: whatever fails, every process started here is stopped.
    try {
      if (services != null) {
        services.close();
      }
    } finally {
      try {
        if (smsGateway != null) {
          smsGateway.close();
        }
      } finally {
        try {
          infra.close();
        } finally {
          tokens.close();
        }
      }
    }
  }
}
