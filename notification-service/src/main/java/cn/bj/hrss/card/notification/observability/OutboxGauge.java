package cn.bj.hrss.card.notification.observability;

import cn.bj.hrss.card.consumer.observability.PolledGauges;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/** {@code card.outbox.waiting{outbox="sms"}}: messages queued for the SMS gateway, not yet sent. */
@ApplicationScoped
public class OutboxGauge {

  void register(@Observes StartupEvent startup, PolledGauges gauges, DataSource dataSource) {
    gauges.registerOutbox(
        "sms", dataSource, "SELECT count(*) FROM sms_outbox WHERE status = 'QUEUED'");
  }
}
