package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL and a real Kafka broker (see {@link
 * LocalInfrastructure#shared()}); the services read them through their SUITE_* settings. The
 * services trust the tokens of {@link DevTokens#shared()}, which the tests sign with.
 */
public class SuiteInfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    LocalInfrastructure infra = LocalInfrastructure.shared();
    return Map.of(
        "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(),
        "quarkus.datasource.username", infra.postgres().user(),
        "quarkus.datasource.password", infra.postgres().password(),
        "kafka.bootstrap.servers", infra.kafka().bootstrapServers(),
        // The services trust the test JVM's own development issuer (DevTokens.shared()).
        "mp.jwt.verify.publickey", DevTokens.shared().publicKeyBase64(),
        "mp.jwt.verify.issuer", DevTokens.ISSUER);
  }

  @Override
  public void stop() {
    // Shared by every test class of the JVM; stopped by LocalInfrastructure's shutdown hook.
  }
}
