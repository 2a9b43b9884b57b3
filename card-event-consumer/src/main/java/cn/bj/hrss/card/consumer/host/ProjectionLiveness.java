package cn.bj.hrss.card.consumer.host;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness {@code card-events-consumer}: up while the hosted projection's live consumer runs, with
 * the events it handled as data.
 */
@Liveness
@ApplicationScoped
public class ProjectionLiveness implements HealthCheck {

  static final String NAME = "card-events-consumer";

  private final ProjectionHost host;

  ProjectionLiveness(ProjectionHost host) {
    this.host = host;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME)
        .status(host.live().alive())
        .withData("handled", host.live().handledCount())
        .build();
  }
}
