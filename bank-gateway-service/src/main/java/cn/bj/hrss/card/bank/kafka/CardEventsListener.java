package cn.bj.hrss.card.bank.kafka;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.consumer.CardEventConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Feeds the card topic into the banks' view of their cards, from start-up to shutdown, and reports
 * whether that is still happening (liveness).
 */
@Liveness
@ApplicationScoped
public class CardEventsListener implements HealthCheck {

  private final CardEventConsumer consumer;

  CardEventsListener(BankCardProjection cards) {
    this.consumer = CardEventConsumer.fromConfig(cards::apply);
  }

  void start(@Observes StartupEvent startup) {
    consumer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    consumer.close();
  }

  /** Alive while the consuming thread runs; shows how many events it handled. */
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("card-events-consumer")
        .status(consumer.isRunning())
        .withData("handled", consumer.handledCount())
        .build();
  }
}
