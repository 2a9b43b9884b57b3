package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.consumer.RecordLoop;
import cn.bj.hrss.card.contract.alert.ProductionOverdue;
import cn.bj.hrss.card.contract.codec.AlertCodec;
import cn.bj.hrss.card.notification.sms.AlertProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Feeds card-production-service's alerts ({@code production-alerts.v1}, ProductionOverdue) into the
 * holders' messages, in its own consumer group, from start-up to shutdown.
 */
@Liveness
@ApplicationScoped
public class ProductionAlertsListener implements HealthCheck {

  private final RecordLoop<ProductionOverdue> loop;

  ProductionAlertsListener(
      AlertProjection alerts,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "production-alerts.topic") String topic,
      @ConfigProperty(name = "production-alerts.group-id") String groupId) {
    this.loop =
        new RecordLoop<>(
            bootstrapServers,
            groupId,
            topic,
            AlertCodec::decode,
            alert -> "alert " + alert.alertId(),
            alerts::apply);
  }

  void start(@Observes StartupEvent startup) {
    loop.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    loop.close();
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("production-alerts-consumer").status(loop.isRunning()).build();
  }
}
