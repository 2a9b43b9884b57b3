package cn.bj.hrss.card.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL and a real Kafka broker (see {@link
 * LocalInfrastructure#shared()}); the services read them through their SUITE_* settings.
 */
public class SuiteInfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    LocalInfrastructure infra = LocalInfrastructure.shared();
    return Map.of(
        "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(),
        "quarkus.datasource.username", infra.postgres().user(),
        "quarkus.datasource.password", infra.postgres().password(),
        "kafka.bootstrap.servers", infra.kafka().bootstrapServers());
  }

  @Override
  public void stop() {
    // Shared by every test class of the JVM; stopped by LocalInfrastructure's shutdown hook.
  }
}
