package cn.bj.hrss.card.notification.kafka;

import cn.bj.hrss.card.consumer.CardEventConsumer;
import cn.bj.hrss.card.notification.sms.SmsProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Feeds the card topic into the holders' messages, from start-up to shutdown. */
@ApplicationScoped
public class CardEventsListener {

  private final CardEventConsumer consumer;

  CardEventsListener(SmsProjection messages) {
    this.consumer = CardEventConsumer.fromConfig(messages::apply);
  }

  void start(@Observes StartupEvent startup) {
    consumer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    consumer.close();
  }
}
