package cn.bj.hrss.card.production.health;

import cn.bj.hrss.card.consumer.observability.PolledGauges;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/** {@code card.outbox.waiting{outbox="production-alerts"}}: overdue alerts not yet on Kafka. */
@ApplicationScoped
public class OutboxGauge {

  void register(@Observes StartupEvent startup, PolledGauges gauges, DataSource dataSource) {
    gauges.registerOutbox(
        "production-alerts",
        dataSource,
        "SELECT count(*) FROM production_overdue_alert WHERE published_at IS NULL");
  }
}
