package cn.bj.hrss.card.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local cluster's brokers authenticate every client (SCRAM-SHA-512 over TLS) and authorise
 * exactly {@link SuiteKafkaAcls} (ADR 20). Each refusal is checked beside the permission it is not:
 * the same client does succeed where its ACLs allow, so a refusal here is the authorizer's, not a
 * broken connection.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalKafkaClusterAclTest {

  private static final String ICBC_TOPIC = "bank.ICBC.cards.v1";
  private static final String ABC_TOPIC = "bank.ABC.cards.v1";

  private static LocalKafkaCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalKafkaCluster.start(1, Files.createTempDirectory("local-kafka-acl-test"));
    cluster.awaitReady(Duration.ofMinutes(2));
    try (Admin admin = Admin.create(cluster.adminProperties())) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic :
          List.of(
              SuiteKafkaAcls.CARD_LIFECYCLE,
              SuiteKafkaAcls.PRODUCTION_ALERTS,
              ICBC_TOPIC,
              ABC_TOPIC)) {
        topics.add(new NewTopic(topic, 1, (short) 1));
      }
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }
    // As their writers would: the admin is a super user.
    send(SuiteKafkaAcls.ADMIN, SuiteKafkaAcls.CARD_LIFECYCLE, "card-1");
    send(SuiteKafkaAcls.ADMIN, ICBC_TOPIC, "icbc-card");
    send(SuiteKafkaAcls.ADMIN, ABC_TOPIC, "abc-card");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theBrokerConfigurationHasNoAnonymousSuperUserAndNoPlaintextListener() throws Exception {
    String config = Files.readString(cluster.workDirectory().resolve("broker-1/server.properties"));
    assertFalse(config.contains("ANONYMOUS"), config);
    assertFalse(config.contains("PLAINTEXT"), config);
    assertTrue(
        config.contains("super.users=" + LocalKafkaSecurity.BROKER_PRINCIPAL + ";User:admin"),
        config);
    assertTrue(config.contains("allow.everyone.if.no.acl.found=false"), config);
  }

  @Test
  void notificationServiceCannotWriteTheCardTopic() {
    ExecutionException refused =
        assertThrows(
            ExecutionException.class,
            () ->
                send(SuiteKafkaAcls.NOTIFICATION_SERVICE, SuiteKafkaAcls.CARD_LIFECYCLE, "forged"));
    assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
    // Whereas the writer of the topic may.
    assertDoesNotFail(
        () -> send(SuiteKafkaAcls.APPLICATION_SERVICE, SuiteKafkaAcls.CARD_LIFECYCLE, "card-2"));
  }

  @Test
  void notificationServiceReadsTheCardTopicWithItsGroupButNoBankTopic() {
    assertEquals(
        List.of("card-1"),
        read(
                SuiteKafkaAcls.NOTIFICATION_SERVICE,
                "notification-service",
                SuiteKafkaAcls.CARD_LIFECYCLE)
            .subList(0, 1));
    TopicAuthorizationException refused =
        assertThrows(
            TopicAuthorizationException.class,
            () -> read(SuiteKafkaAcls.NOTIFICATION_SERVICE, "notification-service", ICBC_TOPIC));
    assertEquals(List.of(ICBC_TOPIC), List.copyOf(refused.unauthorizedTopics()));
  }

  @Test
  void oneBankCannotReadAnothersTopic() {
    String icbc = SuiteKafkaAcls.bankPrincipal("ICBC");
    assertEquals(List.of("icbc-card"), read(icbc, "bank.ICBC.feed", ICBC_TOPIC));
    TopicAuthorizationException refused =
        assertThrows(
            TopicAuthorizationException.class, () -> read(icbc, "bank.ICBC.feed", ABC_TOPIC));
    assertEquals(List.of(ABC_TOPIC), List.copyOf(refused.unauthorizedTopics()));
    // Nor write its own: a bank may write nothing at all, so its (idempotent) producer is refused
    // its producer id already (ClusterAuthorizationException), before the topic is asked.
    ExecutionException write =
        assertThrows(ExecutionException.class, () -> send(icbc, ICBC_TOPIC, "forged"));
    assertInstanceOf(AuthorizationException.class, write.getCause(), write.toString());
  }

  @Test
  void aWrongPasswordIsRefused() {
    Properties props = cluster.clientProperties(SuiteKafkaAcls.NOTIFICATION_SERVICE);
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"notification-service\" password=\"guessed\";");
    ExecutionException refused =
        assertThrows(
            ExecutionException.class, () -> send(props, SuiteKafkaAcls.CARD_LIFECYCLE, "x"));
    assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
  }

  private static void assertDoesNotFail(org.junit.jupiter.api.function.Executable action) {
    try {
      action.execute();
    } catch (Throwable e) {
      throw new AssertionError("refused: " + e, e);
    }
  }

  private static void send(String principal, String topic, String value) throws Exception {
    send(cluster.clientProperties(principal), topic, value);
  }

  private static void send(Properties client, String topic, String value) throws Exception {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** What {@code principal} reads of {@code topic} from the start, with group {@code group}. */
  private static List<String> read(String principal, String group, String topic) {
    Properties props = cluster.clientProperties(principal);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(30);
      while (values.isEmpty() && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(
              new String(record.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
