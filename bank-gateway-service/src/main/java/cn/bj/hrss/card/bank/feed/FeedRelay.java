package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.identity.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes each bank's feed to its Kafka topic (outbox relay, no dual write). One bank at a time
 * and under a per-bank advisory lock, so that only one relay, on any instance, sends a bank's
 * messages: it takes the bank's oldest unpublished messages in position order, sends them keyed by
 * card id with an idempotent producer (acks=all), waits for every acknowledgement, and only then
 * marks them published, in the same transaction. A failure leaves them unpublished, to be sent
 * again: delivery is at-least-once, and a bank drops a repeat by its position or message id. A
 * failing bank's topic never holds up the other banks.
 */
@ApplicationScoped
public class FeedRelay {

  private static final Logger LOG = Logger.getLogger(FeedRelay.class);

  private final DataSource dataSource;
  private final String bootstrapServers;
  private final int batchSize;
  private final BankTopics topics;
  private volatile KafkaProducer<String, byte[]> producer;
  private volatile Admin admin;

  FeedRelay(
      DataSource dataSource,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "bank-feed.topic.partitions") int partitions,
      @ConfigProperty(name = "bank-feed.topic.replication-factor") short replicationFactor,
      @ConfigProperty(name = "bank-feed.relay.batch-size") int batchSize) {
    this.dataSource = dataSource;
    this.bootstrapServers = bootstrapServers;
    this.batchSize = batchSize;
    this.topics = new BankTopics(partitions, replicationFactor);
  }

  /** The banks with messages not yet on their topic. */
  public List<String> banksWithBacklog() throws SQLException {
    List<String> banks = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT DISTINCT bank_code FROM bank_feed_message WHERE published_at IS NULL");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        banks.add(row.getString(1));
      }
    }
    return banks;
  }

  private record Unpublished(long id, String cardId, String body) {}

  /**
   * Publishes one batch of the bank's unpublished messages.
   *
   * @return true if a full batch went out (more may be waiting)
   */
  @Transactional(rollbackOn = Exception.class)
  public boolean publishBatch(String bankCode) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      if (!lockBank(connection, bankCode)) {
        return false; // another relay is sending this bank's messages
      }
      List<Unpublished> batch = unpublished(connection, bankCode);
      if (batch.isEmpty()) {
        return false;
      }
      topics.ensure(admin(), bankCode);
      String topic = BankTopics.topic(bankCode);
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (Unpublished message : batch) {
        sends.add(
            producer()
                .send(
                    new ProducerRecord<>(
                        topic, message.cardId(), message.body().getBytes(StandardCharsets.UTF_8))));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get(45, TimeUnit.SECONDS); // acks=all: on the in-sync replicas
      }
      try (PreparedStatement mark =
          connection.prepareStatement(
              "UPDATE bank_feed_message SET published_at = now() WHERE id = ANY (?)")) {
        mark.setArray(
            1,
            connection.createArrayOf(
                "bigint", batch.stream().map(Unpublished::id).toArray(Long[]::new)));
        mark.executeUpdate();
      }
      LOG.debugf("published %d message(s) to %s", batch.size(), topic);
      return batch.size() == batchSize;
    }
  }

  private static boolean lockBank(Connection connection, String bankCode) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
      lock.setString(1, "bank-feed-relay/" + bankCode);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  private List<Unpublished> unpublished(Connection connection, String bankCode)
      throws SQLException {
    List<Unpublished> batch = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, card_id, body FROM bank_feed_message"
                + " WHERE bank_code = ? AND published_at IS NULL ORDER BY id LIMIT ?")) {
      select.setString(1, bankCode);
      select.setInt(2, batchSize);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          batch.add(new Unpublished(row.getLong(1), row.getString(2), row.getString(3)));
        }
      }
    }
    return batch;
  }

  /** The admin client the relay and the delivery state share. */
  public Admin admin() {
    if (admin == null) {
      synchronized (this) {
        if (admin == null) {
          admin =
              Admin.create(
                  KafkaClientSecurity.secured(
                      Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
        }
      }
    }
    return admin;
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Properties props = new Properties();
          props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
          KafkaClientSecurity.apply(props);
          props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "40000");
          props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
          producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
      }
    }
    return producer;
  }

  /** Closes the Kafka clients (at shutdown). */
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
