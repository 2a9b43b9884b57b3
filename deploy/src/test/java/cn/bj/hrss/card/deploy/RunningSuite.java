package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four built services as separate processes on free ports, against one real PostgreSQL and one
 * real Kafka broker started for the test, with the SMS gateway simulator and the run's own tokens;
 * the sample registry is loaded. Closing stops all of it.
 */
final class RunningSuite implements AutoCloseable {

  private final SuiteTokens tokens = SuiteTokens.startInTemporaryDirectory();
  private LocalInfrastructure infra;
  private SmsGatewaySimulator smsGateway;
  private ServiceProcesses services;

  private RunningSuite() {}

  /**
   * @param logs the services' log folder under deploy/target
   * @param generatedPersons how many generated insured persons the registry gets besides the named
   */
  static RunningSuite start(String logs, int generatedPersons) {
    RunningSuite suite = new RunningSuite();
    try {
      suite.startAll(logs, generatedPersons);
    } catch (RuntimeException | Error e) {
      suite.close();
      throw e;
    }
    return suite;
  }

  private void startAll(String logs, int generatedPersons) {
    Path home = Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
    infra = LocalInfrastructure.start(System.getenv(), 0, 0);
    smsGateway = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
    Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
    environment.put("SUITE_SMS_GATEWAY_URL", smsGateway.url());
    environment.putAll(tokens.environment());
    Map<String, Integer> ports = new LinkedHashMap<>();
    ServiceProcesses.DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, FreePort.find()));
    services =
        ServiceProcesses.start(home, environment, ports, home.resolve("deploy/target/" + logs));
    services.awaitReady(Duration.ofMinutes(3));
    SampleRegistry.loadInto(services.url("application-service"), generatedPersons, tokens.issuer());
  }

  /** A service's root URL by its name. */
  String url(String service) {
    return services.url(service);
  }

  SuiteTokens tokens() {
    return tokens;
  }

  SmsGatewaySimulator smsGateway() {
    return smsGateway;
  }

  @Override
  public void close() {
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
        if (infra != null) {
          infra.close();
        }
        tokens.close();
      }
    }
  }
}
