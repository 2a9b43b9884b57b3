package cn.bj.hrss.card.application.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the Kafka check cannot reach a broker, the service is not ready (503, naming the check and
 * why) but still alive. The service itself runs against the real broker; only the readiness check
 * is pointed at a closed port, which is what it sees when the cluster is away.
 */
@QuarkusTest
@TestProfile(KafkaUnreachableReadinessTest.ClosedKafkaPort.class)
@WithTestResource(SuiteInfrastructureTestResource.class)
class KafkaUnreachableReadinessTest {

  public static class ClosedKafkaPort implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("observability.kafka.bootstrap-servers", "127.0.0.1:1");
    }
  }

  @Test
  void readiness_is_503_naming_kafka_and_liveness_stays_up() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
        .body("checks.find { it.name == 'kafka' }.data.reason", not(emptyOrNullString()))
        .body(
            "checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }
}
