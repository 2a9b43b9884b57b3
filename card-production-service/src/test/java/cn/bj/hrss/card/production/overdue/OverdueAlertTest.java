package cn.bj.hrss.card.production.overdue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.alert.ProductionOverdue;
import cn.bj.hrss.card.contract.codec.AlertCodec;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.production.CardEvents;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An order past its deadline gives one ProductionOverdue alert on production-alerts.v1, however
 * many times the check runs (as of 2025-04-03, checked every second in tests).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class OverdueAlertTest {

  @Inject ProductionOrderProjection orders;
  @Inject DataSource dataSource;

  private static TopicProbe alerts() {
    return new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers());
  }

  @Test
  void an_overdue_order_is_alerted_once_with_a_stable_id() {
    String cardId = UUID.randomUUID().toString();
    String bank = CardEvents.newBank();
    CardEvents.requestedByMail(cardId, bank, "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");

    List<byte[]> first =
        alerts().readByKey(Topics.PRODUCTION_ALERTS, cardId, 1, Duration.ofSeconds(30));
    assertEquals(1, first.size());
    ProductionOverdue alert = AlertCodec.decode(first.get(0));
    assertEquals("overdue-" + cardId, alert.alertId());
    assertEquals(bank, alert.bankCode());
    assertEquals(LocalDate.parse("2025-04-02"), alert.dueDate());
    assertEquals(Instant.parse("2025-04-03T04:00:00Z"), alert.detectedAt()); // noon in Beijing

    // Several more checks have run by now: still exactly one alert.
    List<byte[]> later =
        alerts().readByKey(Topics.PRODUCTION_ALERTS, cardId, 2, Duration.ofSeconds(4));
    assertEquals(1, later.size());
  }

  @Test
  void an_order_produced_in_time_is_never_alerted() {
    // Applied in one transaction, so that no overdue check can fall between the application and
    // the production (through the topic, one could, and the alert would then be right).
    String cardId = UUID.randomUUID().toString();
    EventEnvelope requested =
        CardEvents.requestedByMailEvent(
            cardId, CardEvents.newBank(), "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");
    EventEnvelope produced =
        CardEvents.producedEvent(cardId, 1, "2025-03-20T02:00:00Z", "C00000001");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection connection = dataSource.getConnection()) {
                CardEventPositions.applyOnce(
                    connection, requested, c -> orders.change(c, requested));
                CardEventPositions.applyOnce(connection, produced, c -> orders.change(c, produced));
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    String due = UUID.randomUUID().toString(); // an overdue order after it: once its alert is out,
    CardEvents.requestedByMail(due, CardEvents.newBank(), "BUREAU_WEBSITE", "2025-03-03T02:00:00Z");
    assertEquals(
        1, alerts().readByKey(Topics.PRODUCTION_ALERTS, due, 1, Duration.ofSeconds(30)).size());
    // ... the produced one has had several checks too.
    assertTrue(
        alerts().readByKey(Topics.PRODUCTION_ALERTS, cardId, 1, Duration.ofSeconds(3)).isEmpty());
  }
}
