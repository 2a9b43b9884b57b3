package cn.bj.hrss.card.bank.observability;

import cn.bj.hrss.card.bank.feed.FeedRelayLoop;
import cn.bj.hrss.card.bank.report.ReportDelivery;
import cn.bj.hrss.card.relay.BackgroundLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the background work: the relay of the banks' feeds to Kafka and the delivery of the
 * banks' reports. Each loop must run; its last failure (Kafka or application-service away) is
 * shown, but does not make the service dead: the loop retries.
 */
@Liveness
@ApplicationScoped
public class BackgroundWorkCheck implements HealthCheck {

  private final List<BackgroundLoop> loops;

  BackgroundWorkCheck(FeedRelayLoop relay, ReportDelivery delivery) {
    this.loops = List.of(relay.loop(), delivery.loop());
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("background-work").up();
    for (BackgroundLoop loop : loops) {
      if (!loop.isRunning()) {
        response.down();
      }
      response.withData(loop.name(), loop.lastFailure() == null ? "ok" : loop.lastFailure());
    }
    return response.build();
  }
}
