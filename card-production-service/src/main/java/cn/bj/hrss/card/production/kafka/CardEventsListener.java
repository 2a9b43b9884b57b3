package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.CardEventConsumer;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Feeds the card topic into the production orders, from start-up to shutdown. */
@ApplicationScoped
public class CardEventsListener {

  private final CardEventConsumer consumer;

  CardEventsListener(
      ProductionOrderProjection orders,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.topic") String topic,
      @ConfigProperty(name = "card-events.group-id") String groupId) {
    this.consumer = new CardEventConsumer(bootstrapServers, groupId, topic, orders::apply);
  }

  void start(@Observes StartupEvent startup) {
    consumer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    consumer.close();
  }
}
