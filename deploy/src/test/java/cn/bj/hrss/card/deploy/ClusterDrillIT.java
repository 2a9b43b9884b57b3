package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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
  private static final int PERSONS = 8_000;
  private static final int CONCURRENT_PAIRS = 20;
  private static final String TOPIC = "card-lifecycle.v1";
  private static final Path LOGS = DrillSuite.logs("cluster-drill-logs");

  /** The load's persons are 0 to PERSONS - 1; the markers are PERSONS and PERSONS + 1. */
  private static final DrillPersons PEOPLE = new DrillPersons(1970, "138", "演练");

  private static final int MARKERS = 2;
  private static final String MARKER_BANK = "BOB";

  private static LocalKafkaCluster kafka;
  private static DrillSuite suite;
  private static DrillProbe probe;

  @BeforeAll
  static void startCluster() throws Exception {
    Files.createDirectories(LOGS);
    kafka = LocalKafkaCluster.start(3, LOGS.resolve("kafka"));
    kafka.awaitReady(Duration.ofMinutes(2));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SUITE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("SUITE_CARD_TOPIC_REPLICATION", "3");
    // Each service as its own Kafka principal (ADR 20): SCRAM-SHA-512 over TLS, its ACLs only.
    environment.putAll(kafka.serviceEnvironment());
    List<String> instances = new ArrayList<>(List.of(SERVICES));
    for (String service : SERVICES) {
      instances.add(service + "#2");
    }
    suite =
        DrillSuite.start(
            SuiteTokens.startInTemporaryDirectory(),
            LocalInfrastructure.start(env, 0, 0),
            environment,
            DrillSuite.freePorts(instances),
            LOGS,
            Duration.ofMinutes(5));
    probe = new DrillProbe(suite, "drill", Duration.ofSeconds(30));
    probe.importRegistry(PEOPLE, PERSONS + MARKERS);
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (suite != null) {
        suite.close();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  @Test
  void a_broker_and_an_instance_of_each_service_die_under_load_and_nothing_is_lost_or_doubled()
      throws Exception {
    // Steady state: the two application-service instances share the publishing segments, and
    // every stored event is on the topic exactly once.
    DrillProbe.awaitUntil(
        "both application-service instances publishing",
        Duration.ofMinutes(2),
        () -> publishers() == 2,
        () -> publishers() + " publishing instances");
    Load load = new Load();
    load.start();
    load.awaitAccepted(300);
    load.pause();
    awaitEveryStoredEventOnTheTopic();
    // A marker made now is on the topic and through every consumer: an event published twice
    // before it would be on the topic by then.
    probe.marker(PEOPLE, PERSONS, MARKER_BANK, Duration.ofMinutes(2));
    awaitEveryStoredEventOnTheTopic();
    long stored = probe.count("SELECT count(*) FROM application.domain_event_entry");
    assertEquals(stored, topicRecords(), "events published twice in steady state");
    System.out.printf(
        "steady state: %d events stored, %d records on the topic, publishing shared by %d"
            + " instances%n",
        stored,
        topicRecords(),
        probe.count(
            "SELECT count(DISTINCT owner) FROM application.token_entry"
                + " WHERE processor_name = 'kafka-publisher'"));
    // The consumer services' two instances share their group's partitions.
    try (Admin admin = Admin.create(kafka.adminProperties())) {
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
      suite.services.kill(service + "#2");
    }
    load.awaitAccepted(beforeInstances + 300);
    load.stop();
    System.out.printf(
        "drill 2: the second instances killed at %d accepted; load stopped at %d accepted, %d"
            + " retried on the other instance%n",
        beforeInstances, load.accepted(), load.retried.get());

    // Drill 3: the same command on the same card through both instances at once: exactly one wins.
    // (The second instance of application-service is started again for it.)
    suite.services.restart("application-service#2");
    suite.services.awaitReady(Duration.ofMinutes(3), List.of("application-service#2"));
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
                  return probe
                      .command(
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

    // The end: nothing lost, nothing doubled (the steady state's marker counts as one more card).
    int accepted = load.cards.size();
    probe.awaitInStep(Duration.ofMinutes(4));
    JsonNode report = probe.reconciliation();
    assertEquals(accepted + 1, report.path("storeCards").asInt(), "cards in the store");
    assertEquals(
        accepted + 1 + CONCURRENT_PAIRS, report.path("storeEvents").asInt(), "events in the store");
    Map<String, Integer> expected = new LinkedHashMap<>();
    load.cards.keySet().forEach(person -> expected.put(PEOPLE.mobile(person), 1));
    probe.awaitTexts(expected, Duration.ofMinutes(4));
    // A second marker has gone through every consumer: a text sent twice would be there by then.
    probe.marker(PEOPLE, PERSONS + 1, MARKER_BANK, Duration.ofMinutes(2));
    assertEquals(expected, probe.textsReceived(expected.keySet()), "each holder one text");
    assertEquals(0, probe.duplicateBankMessages(), "a bank message twice");
    assertEquals(
        accepted + MARKERS,
        probe.bankMessages("CardRequested"),
        "one CardRequested message per card (and per marker)");

    // Each projection equals a from-scratch rebuild (one instance of each consumer is left).
    probe
        .rebuildAndCompare(List.of(SERVICES).subList(1, 4), Duration.ofMinutes(5))
        .forEach((service, progress) -> System.out.printf("%s rebuilt: %s%n", service, progress));
  }

  private static long publishers() throws Exception {
    return probe.count(
        "SELECT count(DISTINCT owner) FROM application.token_entry"
            + " WHERE processor_name = 'kafka-publisher' AND owner IS NOT NULL");
  }

  private static void awaitEveryStoredEventOnTheTopic() {
    DrillProbe.awaitUntil(
        "every stored event on the topic " + TOPIC,
        Duration.ofMinutes(2),
        () -> topicRecords() == probe.count("SELECT count(*) FROM application.domain_event_entry"),
        () ->
            topicRecords()
                + " records on the topic, "
                + probe.count("SELECT count(*) FROM application.domain_event_entry")
                + " events stored");
  }

  /** Records on the card topic (kept forever, never compacted): the sum of its end offsets. */
  private static long topicRecords() throws Exception {
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      var partitions =
          admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions();
      Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
      partitions.forEach(
          p -> specs.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(specs).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    }
  }

  // ------------------------------------------------------------------ the load

  /**
   * Applications from distinct persons, four at a time, sent to either application-service instance
   * in turn; when an instance does not answer, the same application goes to the other one (R-ELIG-3
   * gives the same card back if the first was accepted after all). A client that gives up fails the
   * drill with what it saw, at the next wait.
   */
  private static final class Load {
    final Map<Integer, String> cards = new ConcurrentHashMap<>();
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicBoolean paused = new AtomicBoolean(false);
    final AtomicInteger inFlight = new AtomicInteger();
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final List<Future<Void>> clients = new ArrayList<>();

    void start() {
      for (int t = 0; t < 4; t++) {
        clients.add(pool.submit(this::run));
      }
    }

    /** Stops sending and waits until the requests in flight have finished. */
    void pause() {
      paused.set(true);
      DrillProbe.awaitUntil(
          "the load's requests in flight to finish",
          Duration.ofMinutes(2),
          () -> {
            failIfAClientGaveUp();
            return inFlight.get() == 0;
          },
          () -> inFlight.get() + " in flight");
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
        inFlight.incrementAndGet();
        try {
          apply(person);
        } finally {
          inFlight.decrementAndGet();
        }
      }
      return null;
    }

    private void apply(int person) throws Exception {
      String first = person % 2 == 0 ? "application-service" : "application-service#2";
      String second = person % 2 == 0 ? "application-service#2" : "application-service";
      for (int attempt = 0; ; attempt++) {
        String instance = attempt % 2 == 0 ? first : second;
        try {
          HttpResponse<String> answer =
              probe.command(
                  instance,
                  "/cards",
                  "CITIZEN",
                  PEOPLE.idNumber(person),
                  "JINGTONG_MINI_PROGRAM",
                  application(person),
                  "drill-" + person);
          if (answer.statusCode() == 201 || answer.statusCode() == 200) {
            cards.put(person, DrillProbe.json(answer).path("cardId").asText());
            return;
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

    int accepted() {
      return cards.size();
    }

    void awaitAccepted(int count) {
      DrillProbe.awaitUntil(
          count + " applications accepted",
          Duration.ofMinutes(5),
          () -> {
            failIfAClientGaveUp();
            return cards.size() >= count || next.get() >= PERSONS;
          },
          () -> cards.size() + " accepted");
      assertTrue(next.get() < PERSONS, "the load ran out of persons: raise PERSONS");
    }

    void stop() throws Exception {
      running.set(false);
      pool.shutdown();
      assertTrue(
          pool.awaitTermination(2, TimeUnit.MINUTES),
          "the load's clients did not stop within 2 minutes");
      failIfAClientGaveUp();
    }

    /** Throws what a client that stopped before the load did failed with. */
    private void failIfAClientGaveUp() throws Exception {
      for (Future<Void> client : clients) {
        if (client.isDone()) {
          try {
            client.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a client of the load gave up: " + e.getCause(), e.getCause());
          }
        }
      }
    }
  }

  private static String application(int person) {
    String collection =
        person % 2 == 0
            ? "{\"method\":\"MAIL\",\"address\":\"北京市朝阳区光华路" + person + "号\"}"
            : "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"工商银行北京朝阳门支行\"}";
    String bank = person % 2 == 0 ? MAIL_BANKS[(person / 2) % MAIL_BANKS.length] : "ICBC";
    return "{\"applicant\":{\"idNumber\":\"%s\",\"name\":\"演练%d\",\"mobile\":\"%s\"},\"bankCode\":\"%s\",\"collection\":%s}"
        .formatted(PEOPLE.idNumber(person), person % 100, PEOPLE.mobile(person), bank, collection);
  }
}
