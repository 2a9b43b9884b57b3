package cn.bj.hrss.card.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalKafkaCluster;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's drills on the cluster mode, with real processes on loopback: three Kafka brokers
 * (KRaft, replication factor 3, min.insync.replicas 2) and two instances of every service against
 * one PostgreSQL. Under a steady stream of applications sent to either application-service
 * instance: one broker is killed and restarted; then one instance of each service is killed; then
 * the same command is sent to a card through both application-service instances at once. At the end
 * every accepted application has exactly one card and one CardRequested, every projection is in
 * step with the event store and equal to a from-scratch rebuild, and each holder got exactly one
 * text and each bank exactly one message per application.
 */
class ClusterDrillIT {

  private static final String[] SERVICES = {
    "application-service", "card-production-service", "bank-gateway-service", "notification-service"
  };
  private static final String[] MAIL_BANKS = {"ICBC", "CCB", "BOC", "PSBC"};
  private static final int PERSONS = 3_000;
  private static final int CONCURRENT_PAIRS = 20;
  private static final SuiteTokens TOKENS = SuiteTokens.startInTemporaryDirectory();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  private static final Path LOGS = HOME.resolve("deploy/target/cluster-drill-logs");

  private static LocalKafkaCluster kafka;
  private static LocalInfrastructure infra;
  private static ServiceProcesses services;
  private static SmsGatewaySimulator smsGateway;

  @BeforeAll
  static void startCluster() throws Exception {
    Files.createDirectories(LOGS);
    kafka = LocalKafkaCluster.start(3, LOGS.resolve("kafka"));
    kafka.awaitReady(Duration.ofMinutes(2));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SUITE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    infra = LocalInfrastructure.start(env, 0, 0);
    smsGateway = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
    Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
    environment.put("SUITE_CARD_TOPIC_REPLICATION", "3");
    // Each service as its own Kafka principal (ADR 20): SCRAM-SHA-512 over TLS, its ACLs only.
    environment.putAll(kafka.serviceEnvironment());
    environment.put("SUITE_SMS_GATEWAY_URL", smsGateway.url());
    environment.putAll(TOKENS.environment());
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String service : SERVICES) {
      ports.put(service, FreePort.find());
    }
    for (String service : SERVICES) {
      ports.put(service + "#2", FreePort.find());
    }
    services = ServiceProcesses.start(HOME, environment, ports, LOGS);
    services.awaitReady(Duration.ofMinutes(5));
    importRegistry();
  }

  @AfterAll
  static void stopCluster() {
    if (services != null) {
      services.close();
    }
    if (smsGateway != null) {
      smsGateway.close();
    }
    if (infra != null) {
      infra.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void a_broker_and_an_instance_of_each_service_die_under_load_and_nothing_is_lost_or_doubled()
      throws Exception {
    // Steady state: the two application-service instances share the publishing segments, and
    // every stored event is on the topic exactly once.
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                count(
                        "SELECT count(DISTINCT owner) FROM application.token_entry"
                            + " WHERE processor_name = 'kafka-publisher' AND owner IS NOT NULL")
                    == 2);
    Load load = new Load();
    load.start();
    load.awaitAccepted(300);
    load.pause();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> topicRecords() == count("SELECT count(*) FROM application.domain_event_entry"));
    Thread.sleep(3_000);
    long stored = count("SELECT count(*) FROM application.domain_event_entry");
    assertEquals(stored, topicRecords(), "events published twice in steady state");
    System.out.printf(
        "steady state: %d events stored, %d records on the topic, publishing shared by %d"
            + " instances%n",
        stored,
        topicRecords(),
        count(
            "SELECT count(DISTINCT owner) FROM application.token_entry"
                + " WHERE processor_name = 'kafka-publisher'"));
    // The consumer services' two instances share their group's partitions.
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(kafka.adminProperties())) {
      List<String> groups = List.of(SERVICES).subList(1, 4);
      var described = admin.describeConsumerGroups(groups).all().get();
      for (String group : groups) {
        var members = described.get(group).members();
        System.out.printf(
            "group %s: %s%n",
            group, members.stream().map(m -> m.assignment().topicPartitions().size()).toList());
        assertEquals(2, members.size(), group + " members");
        assertTrue(
            members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()),
            group + ": an instance without partitions");
      }
    }
    load.resume();

    // Drill 1: one broker dies (kill -9) under load, and comes back.
    kafka.stop(2);
    int beforeBroker = load.accepted();
    load.awaitAccepted(beforeBroker + 300);
    kafka.start(2);
    kafka.awaitReady(Duration.ofMinutes(2));
    System.out.printf(
        "drill 1: broker 2 killed at %d accepted, restarted at %d%n",
        beforeBroker, load.accepted());

    // Drill 2: one instance of each service dies (kill -9) under load.
    int beforeInstances = load.accepted();
    for (String service : SERVICES) {
      services.kill(service + "#2");
    }
    load.awaitAccepted(beforeInstances + 300);
    load.stop();
    System.out.printf(
        "drill 2: the second instances killed at %d accepted; load stopped at %d accepted, %d"
            + " retried on the other instance%n",
        beforeInstances, load.accepted(), load.retried.get());

    // Drill 3: the same command on the same card through both instances at once: exactly one wins.
    // (The second instance of application-service is started again for it.)
    services.restart("application-service#2");
    services.awaitReady(Duration.ofMinutes(3), List.of("application-service#2"));
    List<String> cards = new ArrayList<>(load.cards.values());
    int conflicts = 0;
    for (int i = 0; i < CONCURRENT_PAIRS; i++) {
      String card = cards.get(i);
      String body = "{\"cardNumber\":\"C%08d\"}".formatted(i);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pair = Executors.newFixedThreadPool(2);
      List<Future<Integer>> answers = new ArrayList<>();
      for (String instance : List.of("application-service", "application-service#2")) {
        answers.add(
            pair.submit(
                () -> {
                  start.await();
                  return command(
                          instance,
                          "/cards/" + card + "/production",
                          "CARD_FACTORY",
                          "factory-drill",
                          "CARD_FACTORY_API",
                          body,
                          null)
                      .statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = List.of(answers.get(0).get(), answers.get(1).get());
      pair.shutdown();
      assertEquals(1, statuses.stream().filter(s -> s == 200).count(), card + ": " + statuses);
      assertEquals(1, statuses.stream().filter(s -> s == 409).count(), card + ": " + statuses);
      conflicts++;
    }
    System.out.printf("drill 3: %d cards, one 200 and one 409 each%n", conflicts);

    // The end: nothing lost, nothing doubled.
    int accepted = load.cards.size();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> reconciliation().path("consistent").asBoolean());
    JsonNode report = reconciliation();
    assertEquals(accepted, report.path("storeCards").asInt(), "cards in the store");
    assertEquals(
        accepted + CONCURRENT_PAIRS, report.path("storeEvents").asInt(), "events in the store");
    Map<String, Integer> expected = new LinkedHashMap<>();
    load.cards.keySet().forEach(person -> expected.put(mobile(person), 1));
    await().atMost(Duration.ofMinutes(4)).until(() -> textsReceived(expected).equals(expected));
    Thread.sleep(2_000);
    assertEquals(expected, textsReceived(expected), "each holder one text");
    assertEquals(0, duplicateBankMessages(), "a bank message twice");
    assertEquals(accepted, bankMessages("CardRequested"), "one CardRequested message per card");

    // Each projection equals a from-scratch rebuild (one instance of each consumer is left).
    for (String service : List.of(SERVICES).subList(1, 4)) {
      assertEquals(202, operator("POST", service, "/projection/rebuild").statusCode());
    }
    await()
        .atMost(Duration.ofMinutes(5))
        .until(
            () ->
                List.of(SERVICES).subList(1, 4).stream()
                    .allMatch(
                        s ->
                            List.of("DONE", "FAILED")
                                .contains(progress(s).path("state").asText())));
    for (String service : List.of(SERVICES).subList(1, 4)) {
      JsonNode progress = progress(service);
      System.out.printf("%s rebuilt: %s%n", service, progress);
      assertEquals("DONE", progress.path("state").asText(), service);
      assertTrue(progress.path("identical").asBoolean(), service + " differs: " + progress);
    }
  }

  // ------------------------------------------------------------------ the load

  /**
   * Applications from distinct persons, four at a time, sent to either application-service instance
   * in turn; when an instance does not answer, the same application goes to the other one (R-ELIG-3
   * gives the same card back if the first was accepted after all).
   */
  private static final class Load {
    final Map<Integer, String> cards = new ConcurrentHashMap<>();
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicBoolean paused = new AtomicBoolean(false);
    final ExecutorService pool = Executors.newFixedThreadPool(4);

    void start() {
      for (int t = 0; t < 4; t++) {
        pool.submit(this::run);
      }
    }

    void pause() throws InterruptedException {
      paused.set(true);
      Thread.sleep(1_000); // requests in flight finish
    }

    void resume() {
      paused.set(false);
    }

    private Void run() throws Exception {
      while (running.get()) {
        if (paused.get()) {
          Thread.sleep(50);
          continue;
        }
        int person = next.getAndIncrement();
        if (person >= PERSONS) {
          return null;
        }
        String first = person % 2 == 0 ? "application-service" : "application-service#2";
        String second = person % 2 == 0 ? "application-service#2" : "application-service";
        for (int attempt = 0; ; attempt++) {
          String instance = attempt % 2 == 0 ? first : second;
          try {
            HttpResponse<String> answer =
                command(
                    instance,
                    "/cards",
                    "CITIZEN",
                    idNumber(person),
                    "JINGTONG_MINI_PROGRAM",
                    application(person),
                    "drill-" + person);
            if (answer.statusCode() == 201 || answer.statusCode() == 200) {
              cards.put(person, JSON.readTree(answer.body()).path("cardId").asText());
              break;
            }
            if (answer.statusCode() < 500) {
              throw new AssertionError(person + ": " + answer.statusCode() + " " + answer.body());
            }
          } catch (IOException e) {
            // no answer: the instance is down or died with the request
          }
          retried.incrementAndGet();
          Thread.sleep(200);
          if (attempt > 200) {
            throw new AssertionError(person + ": no instance accepted the application");
          }
        }
      }
      return null;
    }

    int accepted() {
      return cards.size();
    }

    void awaitAccepted(int count) {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> cards.size() >= count || next.get() >= PERSONS);
    }

    void stop() throws Exception {
      running.set(false);
      pool.shutdown();
      assertTrue(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES));
    }
  }

  private static final DrillPersons PEOPLE = new DrillPersons(1970, "138", "演练");

  private static String idNumber(int i) {
    return PEOPLE.idNumber(i);
  }

  private static String mobile(int i) {
    return PEOPLE.mobile(i);
  }

  private static String application(int person) {
    String collection =
        person % 2 == 0
            ? "{\"method\":\"MAIL\",\"address\":\"北京市朝阳区光华路" + person + "号\"}"
            : "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"工商银行北京朝阳门支行\"}";
    String bank = person % 2 == 0 ? MAIL_BANKS[(person / 2) % MAIL_BANKS.length] : "ICBC";
    return "{\"applicant\":{\"idNumber\":\"%s\",\"name\":\"演练%d\",\"mobile\":\"%s\"},\"bankCode\":\"%s\",\"collection\":%s}"
        .formatted(idNumber(person), person % 100, mobile(person), bank, collection);
  }

  private static void importRegistry() throws Exception {
    String csv = PEOPLE.registryCsv(PERSONS);
    HttpResponse<String> answer =
        HTTP.send(
            headers(HttpRequest.newBuilder(uri("application-service", "/insured-persons/import")))
                .header("Authorization", TOKENS.authorization("OPERATOR", "drill"))
                .header("X-Channel", "OPERATOR_CONSOLE")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(answer.statusCode() < 300, answer.body());
  }

  // ------------------------------------------------------------------ what the suite shows

  private static JsonNode reconciliation() throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            headers(HttpRequest.newBuilder(uri("application-service", "/audit/reconciliation")))
                .header("Authorization", TOKENS.authorization("AUDITOR", "drill"))
                .header("X-Channel", "OPERATOR_CONSOLE")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }

  private static JsonNode progress(String service) {
    try {
      return JSON.readTree(operator("GET", service, "/projection/rebuild").body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Integer> textsReceived(Map<String, Integer> mobiles) {
    Map<String, Integer> received = new LinkedHashMap<>();
    for (String mobile : mobiles.keySet()) {
      received.put(mobile, smsGateway.received(mobile).size());
    }
    return received;
  }

  /** Records on the card topic (kept forever, never compacted): the sum of its end offsets. */
  private static long topicRecords() throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(kafka.adminProperties())) {
      var partitions =
          admin
              .describeTopics(List.of("card-lifecycle.v1"))
              .allTopicNames()
              .get()
              .get("card-lifecycle.v1")
              .partitions();
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs =
          new HashMap<>();
      partitions.forEach(
          p ->
              specs.put(
                  new org.apache.kafka.common.TopicPartition("card-lifecycle.v1", p.partition()),
                  org.apache.kafka.clients.admin.OffsetSpec.latest()));
      return admin.listOffsets(specs).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    }
  }

  private static long duplicateBankMessages() throws Exception {
    return count(
        "SELECT count(*) - count(DISTINCT (bank_code, card_id, card_sequence, message_type))"
            + " FROM bank_gateway.bank_feed_message");
  }

  private static long bankMessages(String type) throws Exception {
    return count(
        "SELECT count(*) FROM bank_gateway.bank_feed_message WHERE message_type = '" + type + "'");
  }

  private static long count(String sql) throws Exception {
    Map<String, String> environment = infra.serviceEnvironment();
    try (Connection connection =
            DriverManager.getConnection(
                environment.get("SUITE_DB_URL"),
                environment.get("SUITE_DB_USER"),
                environment.getOrDefault("SUITE_DB_PASSWORD", ""));
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  // ------------------------------------------------------------------ HTTP

  private static URI uri(String instance, String path) {
    return URI.create(services.url(instance) + path);
  }

  private static HttpRequest.Builder headers(HttpRequest.Builder request) {
    return request.timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> command(
      String instance,
      String path,
      String role,
      String actor,
      String channel,
      String body,
      String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        headers(HttpRequest.newBuilder(uri(instance, path)))
            .header("Content-Type", "application/json")
            .header("X-Channel", channel)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    // A factory's report arrives as card-production-service relays it (ADR 24).
    TOKENS.applicationServiceHeaders(role, actor).forEach(request::header);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> operator(String method, String service, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        headers(HttpRequest.newBuilder(uri(service, path)))
            .header("Authorization", TOKENS.authorization("OPERATOR", "drill"))
            .header("X-Channel", "OPERATOR_CONSOLE")
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
