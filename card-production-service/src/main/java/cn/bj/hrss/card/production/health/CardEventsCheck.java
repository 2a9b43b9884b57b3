package cn.bj.hrss.card.production.health;

import cn.bj.hrss.card.production.kafka.CardEventsListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the card topic is being consumed; shows how many events were handled. */
@Liveness
@ApplicationScoped
public class CardEventsCheck implements HealthCheck {

  private final CardEventsListener listener;

  CardEventsCheck(CardEventsListener listener) {
    this.listener = listener;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("card-events-consumer")
        .status(listener.isRunning())
        .withData("handled", listener.handledCount())
        .build();
  }
}
