package cn.bj.hrss.card.production.overdue;

import cn.bj.hrss.card.contract.alert.ProductionOverdue;
import cn.bj.hrss.card.contract.codec.AlertCodec;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.identity.KeptTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the recorded overdue alerts to {@code production-alerts.v1} (outbox relay, no dual
 * write): it locks a batch of unpublished rows, sends them with an idempotent producer (acks=all),
 * waits for every acknowledgement, and only then marks them published, in the same transaction. A
 * failure leaves them unpublished, to be sent again: delivery is at-least-once, and consumers
 * deduplicate on the alert id.
 */
@ApplicationScoped
public class AlertRelay {

  private static final Logger LOG = Logger.getLogger(AlertRelay.class);

  private final DataSource dataSource;
  private final String topic;
  private final String bootstrapServers;
  private final int partitions;
  private final short replicationFactor;
  private final int batchSize;
  private volatile KafkaProducer<String, byte[]> producer;
  private volatile boolean topicReady;

  AlertRelay(
      DataSource dataSource,
      @ConfigProperty(name = "production-alerts.topic") String topic,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "production-alerts.partitions") int partitions,
      @ConfigProperty(name = "production-alerts.replication-factor") short replicationFactor,
      @ConfigProperty(name = "production-alerts.publish-batch-size") int batchSize) {
    this.dataSource = dataSource;
    this.topic = topic;
    this.bootstrapServers = bootstrapServers;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.batchSize = batchSize;
  }

  /**
   * Publishes one batch of unpublished alerts.
   *
   * @return true if a full batch was published (more may be waiting)
   */
  @Transactional(rollbackOn = Exception.class)
  public boolean publishBatch() throws Exception {
    ensureTopic();
    try (Connection connection = dataSource.getConnection()) {
      List<ProductionOverdue> alerts = lockUnpublished(connection);
      if (alerts.isEmpty()) {
        return false;
      }
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (ProductionOverdue alert : alerts) {
        sends.add(
            producer().send(new ProducerRecord<>(topic, alert.cardId(), AlertCodec.encode(alert))));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get(45, TimeUnit.SECONDS); // acks=all: on the in-sync replicas
      }
      try (PreparedStatement mark =
          connection.prepareStatement(
              "UPDATE production_overdue_alert SET published_at = now() WHERE alert_id = ?")) {
        for (ProductionOverdue alert : alerts) {
          mark.setString(1, alert.alertId());
          mark.addBatch();
        }
        mark.executeBatch();
      }
      LOG.infof("published %d overdue alert(s) to %s", alerts.size(), topic);
      return alerts.size() == batchSize;
    }
  }

  private List<ProductionOverdue> lockUnpublished(Connection connection) throws SQLException {
    List<ProductionOverdue> alerts = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT alert_id, card_id, bank_code, due_date, detected_at"
                + " FROM production_overdue_alert WHERE published_at IS NULL"
                + " ORDER BY detected_at, alert_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
      select.setInt(1, batchSize);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          alerts.add(
              new ProductionOverdue(
                  row.getString("alert_id"),
                  row.getString("card_id"),
                  row.getString("bank_code"),
                  row.getObject("due_date", LocalDate.class),
                  row.getTimestamp("detected_at").toInstant()));
        }
      }
    }
    return alerts;
  }

  private void ensureTopic() throws Exception {
    if (!topicReady) {
      KeptTopics.ensure(adminProperties(), topic, partitions, replicationFactor);
      topicReady = true;
    }
  }

  private Properties adminProperties() {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    KafkaClientSecurity.apply(props);
    return props;
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      KafkaClientSecurity.apply(props);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "40000");
      producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  /** Closes the producer (at shutdown). */
  public void close() {
    KafkaProducer<String, byte[]> current = producer;
    if (current != null) {
      current.close(java.time.Duration.ofSeconds(5));
    }
  }
}
