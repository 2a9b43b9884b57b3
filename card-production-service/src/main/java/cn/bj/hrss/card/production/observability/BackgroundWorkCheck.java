package cn.bj.hrss.card.production.observability;

import cn.bj.hrss.card.production.factory.ReportDelivery;
import cn.bj.hrss.card.production.overdue.OverdueWork;
import cn.bj.hrss.card.relay.BackgroundLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the background work runs: the overdue check, the alert relay and the delivery of
 * factory reports. Each loop's last failure (a broker away, application-service down) is shown as
 * data; it does not make the service dead, since the loops go on trying.
 */
@Liveness
@ApplicationScoped
public class BackgroundWorkCheck implements HealthCheck {

  private final OverdueWork overdue;
  private final ReportDelivery delivery;

  BackgroundWorkCheck(OverdueWork overdue, ReportDelivery delivery) {
    this.overdue = overdue;
    this.delivery = delivery;
  }

  @Override
  public HealthCheckResponse call() {
    List<BackgroundLoop> loops = new ArrayList<>(overdue.loops());
    loops.add(delivery.loop());
    HealthCheckResponseBuilder response = HealthCheckResponse.named("background-work").up();
    for (BackgroundLoop loop : loops) {
      if (!loop.isRunning()) {
        response.down();
      }
      response.withData(loop.name() + ".rounds", loop.rounds());
      if (loop.lastFailure() != null) {
        response.withData(loop.name() + ".lastFailure", loop.lastFailure());
      }
    }
    return response.build();
  }
}
