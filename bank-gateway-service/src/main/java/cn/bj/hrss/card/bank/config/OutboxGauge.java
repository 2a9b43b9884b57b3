package cn.bj.hrss.card.bank.config;

import cn.bj.hrss.card.consumer.observability.PolledGauges;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/** {@code card.outbox.waiting{outbox="bank-feed"}}: bank feed messages not yet on Kafka. */
@ApplicationScoped
public class OutboxGauge {

  void register(@Observes StartupEvent startup, PolledGauges gauges, DataSource dataSource) {
    gauges.registerOutbox(
        "bank-feed",
        dataSource,
        "SELECT count(*) FROM bank_feed_message WHERE published_at IS NULL");
  }
}
