package cn.bj.hrss.card.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers: a {@code describeCluster} through the shared Admin
 * client, at most {@link ObservabilityKafkaAdmin#TIMEOUT} long. The answer is kept for a few
 * seconds ({@code observability.kafka.health-cache}, 5 s by default) so that frequent probes do not
 * each go to the broker. Down names the check "kafka" and gives a reason without addresses or
 * personal data. It is a readiness check only: restarting a service does not bring a broker back.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

  static final String NAME = "kafka";

  private final ObservabilityKafkaAdmin kafka;
  private final long cacheNanos;
  private HealthCheckResponse last;
  private long lastAt;

  KafkaReadinessCheck(ObservabilityKafkaAdmin kafka) {
    this.kafka = kafka;
    this.cacheNanos =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("observability.kafka.health-cache", Duration.class)
            .orElse(Duration.ofSeconds(5))
            .toNanos();
  }

  @Override
  public synchronized HealthCheckResponse call() {
    long now = System.nanoTime();
    if (last == null || now - lastAt >= cacheNanos) {
      last = probe();
      lastAt = System.nanoTime();
    }
    return last;
  }

  private HealthCheckResponse probe() {
    long timeoutMs = ObservabilityKafkaAdmin.TIMEOUT.toMillis();
    try {
      DescribeClusterResult cluster = kafka.admin().describeCluster();
      int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
      return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down("interrupted while asking the cluster");
    } catch (java.util.concurrent.TimeoutException e) {
      return down("no answer from the cluster within " + timeoutMs + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return down("cluster not reachable: " + cause.getClass().getSimpleName());
    } catch (RuntimeException e) {
      return down("cluster not reachable: " + e.getClass().getSimpleName());
    }
  }

  private static HealthCheckResponse down(String reason) {
    return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
  }
}
