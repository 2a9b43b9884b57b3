package cn.bj.hrss.card.bank.kafka;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.consumer.CardEventConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Feeds the card topic into the banks' view of their cards, from start-up to shutdown. */
@ApplicationScoped
public class CardEventsListener {

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
}
