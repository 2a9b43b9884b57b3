package cn.bj.hrss.card.bank.kafka;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.consumer.CardEventConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Feeds the card topic into the banks' view of their cards, from start-up to shutdown. */
@ApplicationScoped
public class CardEventsListener {

  private final CardEventConsumer consumer;

  CardEventsListener(
      BankCardProjection cards,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.topic") String topic,
      @ConfigProperty(name = "card-events.group-id") String groupId) {
    this.consumer = new CardEventConsumer(bootstrapServers, groupId, topic, cards::apply);
  }

  void start(@Observes StartupEvent startup) {
    consumer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    consumer.close();
  }
}
