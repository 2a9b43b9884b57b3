package cn.bj.hrss.card.bank.support;

import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * What every test of this module runs against: a real PostgreSQL and a real Kafka broker ({@link
 * SuiteInfrastructureTestResource}) and the fake application-service. All test classes use this one
 * resource, so the service starts once per test run.
 */
public class BankGatewayTestResources implements QuarkusTestResourceLifecycleManager {

  private final SuiteInfrastructureTestResource infrastructure =
      new SuiteInfrastructureTestResource();

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(infrastructure.start());
    config.put("application-service.url", FakeApplicationService.shared().url());
    return config;
  }

  @Override
  public void stop() {
    infrastructure.stop();
  }
}
