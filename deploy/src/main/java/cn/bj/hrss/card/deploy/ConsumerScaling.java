package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue 10's scaling figures: how fast each consumer service applies the card topic with one
 * instance and with two, on a topic with 12 partitions. For each service and instance count: a
 * fresh database and consumer group; the instances start and become ready; then N contract events
 * (golden samples, five per card) are written to the topic as fast as Kafka takes them, and the
 * time until the group has committed the topic's end is taken. Prints a Markdown table.
 *
 * <pre>deploy/scaling.sh [events, default 50000] [repeats, default 2]</pre>
 */
public final class ConsumerScaling {

  private static final List<Class<? extends CardEvent>> LIFE =
      List.of(
          CardRequested.class,
          CardProduced.class,
          CardDispatched.class,
          CardCollected.class,
          SocialFunctionEnabled.class);
  private static final List<String> CONSUMERS =
      List.of("card-production-service", "bank-gateway-service", "notification-service");
  private static final int PARTITIONS = 12;

  private ConsumerScaling() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path home = Path.of(System.getProperty("suite.home", ".")).toAbsolutePath().normalize();
    Path logs = home.resolve("target/scaling-logs");
    Files.createDirectories(logs);
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    try (LocalInfrastructure infra = LocalInfrastructure.start(System.getenv(), 0, 0);
        SmsGatewaySimulator sms =
            SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0))) {
      Properties admin = infra.kafka().adminProperties();
      int run = 0;
      for (int repeat = 0; repeat < repeats; repeat++) {
        for (String service : CONSUMERS) {
          for (int instances = 1; instances <= 2; instances++) {
            run++;
            String topic = "scaling-" + run + "." + Topics.CARD_LIFECYCLE;
            String group = "scaling-" + run + "-" + service;
            try (Admin client = Admin.create(admin)) {
              client
                  .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                  .all()
                  .get(30, TimeUnit.SECONDS);
            }
            String database = "scaling_" + run;
            createDatabase(infra, database);
            Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
            environment.put(
                "SUITE_DB_URL",
                infra.postgres().jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
            environment.put("SUITE_SMS_GATEWAY_URL", sms.url());
            environment.putAll(SuiteTokens.startInTemporaryDirectory().environment());
            environment.put("CARD_EVENTS_TOPIC", topic);
            environment.put("CARD_EVENTS_GROUP_ID", group);
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (int i = 1; i <= instances; i++) {
              ports.put(i == 1 ? service : service + "#" + i, FreePort.find());
            }
            try (ServiceProcesses processes =
                ServiceProcesses.start(home, environment, ports, logs.resolve("run-" + run))) {
              processes.awaitReady(Duration.ofMinutes(3));
              Instant start = Instant.now();
              inject(admin, topic, events / LIFE.size());
              awaitCommitted(admin, group, topic, Duration.ofMinutes(30));
              double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
              double rate = events / seconds;
              rates.computeIfAbsent(service + " " + instances, k -> new ArrayList<>()).add(rate);
              System.out.printf(
                  "%s, %d instance(s): %d events in %.1f s = %.0f events/s%n",
                  service, instances, events, seconds, rate);
            }
          }
        }
      }
    }
    System.out.println();
    System.out.println(
        "| consumer service | 1 instance: events/s, median (min-max) | 2 instances | ratio |");
    System.out.println("|---|---|---|---|");
    for (String service : CONSUMERS) {
      List<Double> one = rates.get(service + " 1");
      List<Double> two = rates.get(service + " 2");
      System.out.printf(
          "| %s | %s | %s | %.2f |%n",
          service, summary(one), summary(two), median(two) / median(one));
    }
  }

  private static void createDatabase(LocalInfrastructure infra, String database) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
  }

  private static void inject(Properties client, String topic, int cards) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int c = 0; c < cards; c++) {
        String card = UUID.randomUUID().toString();
        for (Class<? extends CardEvent> type : LIFE) {
          producer.send(
              new ProducerRecord<>(
                  topic, card, GoldenSamples.jsonForCard(EventTypes.require(type), card)));
        }
      }
      producer.flush();
    }
  }

  /** Waits until the group has committed the end of every partition of the topic. */
  private static void awaitCommitted(Properties admin, String group, String topic, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin client = Admin.create(admin)) {
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      var ends = client.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            client
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        long left = 0;
        for (var end : ends.entrySet()) {
          OffsetAndMetadata done = committed.get(end.getKey());
          left += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        if (left == 0) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(group + ": " + left + " events left after " + timeout);
        }
        Thread.sleep(100);
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String summary(List<Double> values) {
    return String.format(
        "%.0f (%.0f-%.0f)",
        median(values),
        values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }
}
