package cn.bj.hrss.card.bank.kafka;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.consumer.CardEventConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Feeds the card topic into the banks' cards and feeds, from start-up to shutdown, and reports
 * whether that is still happening (liveness). A rebuild stops it and starts a fresh consumer.
 */
@Liveness
@ApplicationScoped
public class CardEventsListener implements HealthCheck {

  private final BankCardProjection cards;
  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private volatile CardEventConsumer consumer;
  private volatile boolean stopped;

  CardEventsListener(
      BankCardProjection cards,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.topic") String topic,
      @ConfigProperty(name = "card-events.group-id") String groupId) {
    this.cards = cards;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.groupId = groupId;
  }

  void start(@Observes StartupEvent startup) {
    startConsuming();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    stopConsuming();
  }

  public synchronized void startConsuming() {
    consumer = new CardEventConsumer(bootstrapServers, groupId, topic, cards::apply);
    consumer.start();
    stopped = false;
  }

  /** Stops and closes the consumer; its group is left, so its offsets can be moved. */
  public synchronized void stopConsuming() {
    stopped = true;
    if (consumer != null) {
      consumer.close();
    }
  }

  public String topic() {
    return topic;
  }

  public String groupId() {
    return groupId;
  }

  /** Alive while the consuming thread runs (or while a rebuild has stopped it on purpose). */
  @Override
  public HealthCheckResponse call() {
    CardEventConsumer current = consumer;
    return HealthCheckResponse.named("card-events-consumer")
        .status(stopped || (current != null && current.isRunning()))
        .withData("handled", current == null ? 0 : current.handledCount())
        .build();
  }
}
