package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.consumer.CardEventConsumer;
import cn.bj.hrss.card.notification.sms.SmsProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Feeds the card topic into the holders' messages, from start-up to shutdown, and reports whether
 * that is still happening (liveness). A rebuild stops it and starts a new consumer.
 */
@Liveness
@ApplicationScoped
public class CardEventsListener implements HealthCheck {

  private final SmsProjection messages;
  private volatile CardEventConsumer consumer;
  private volatile boolean stopping;

  CardEventsListener(SmsProjection messages) {
    this.messages = messages;
  }

  void start(@Observes StartupEvent startup) {
    startConsuming();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    stopConsuming();
  }

  public synchronized void startConsuming() {
    consumer = CardEventConsumer.fromConfig(messages::apply);
    consumer.start();
    stopping = false;
  }

  /** Stops the consumer; it has left its group when this returns. */
  public synchronized void stopConsuming() {
    stopping = true;
    if (consumer != null) {
      consumer.close();
    }
  }

  /** Alive while the consuming thread runs (or while a rebuild restarts it). */
  @Override
  public HealthCheckResponse call() {
    CardEventConsumer current = consumer;
    return HealthCheckResponse.named("card-events-consumer")
        .status(stopping || (current != null && current.isRunning()))
        .withData("handled", current == null ? 0 : current.handledCount())
        .build();
  }
}
