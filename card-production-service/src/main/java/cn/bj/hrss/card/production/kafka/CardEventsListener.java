package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.CardEventConsumer;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Feeds the card topic into the production orders, from start-up to shutdown. */
@ApplicationScoped
public class CardEventsListener {

  private final CardEventConsumer consumer;

  CardEventsListener(ProductionOrderProjection orders) {
    this.consumer = CardEventConsumer.fromConfig(orders::apply);
  }

  void start(@Observes StartupEvent startup) {
    consumer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    consumer.close();
  }
}
