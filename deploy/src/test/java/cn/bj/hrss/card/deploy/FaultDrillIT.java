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
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 4: faults with real processes under a steady stream of commands (applications, and
 * productions and dispatches of accepted cards) from a few clients over REST. One PostgreSQL that
 * can be stopped and started again on its data, one Kafka broker that is a process of its own, the
 * four services as processes. In turn:
 *
 * <ol>
 *   <li>the three consumer services are killed (kill -9) in the middle of the stream and started
 *       again;
 *   <li>the Kafka broker is killed for a while under load and started again;
 *   <li>PostgreSQL is stopped under load: every refused command is a 503 with Retry-After (none is
 *       a 500), the clients retry (an application with its Idempotency-Key), and the suite serves
 *       again by itself once PostgreSQL is back.
 * </ol>
 *
 * <p>The end check: every accepted command has exactly one event (and nothing was half-written),
 * every projection is in step with the event store and equal to a from-scratch rebuild, and the SMS
 * gateway and the bank feeds saw each effect once. The figures are printed (docs/faults.md).
 */
class FaultDrillIT {

  private static final List<String> CONSUMERS =
      List.of("card-production-service", "bank-gateway-service", "notification-service");
  private static final String APPLICATION = "application-service";
  private static final String[] MAIL_BANKS = {"ICBC", "CCB", "BOC", "PSBC"};
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final int PERSONS = 8_000;

  /** Each client waits this long between two persons: a steady stream, not a flood. */
  private static final Duration PACE = Duration.ofMillis(100);

  private static final int CLIENTS = 3;
  private static final Duration CONSUMERS_DOWN = Duration.ofSeconds(5);
  private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
  private static final Duration DATABASE_DOWN = Duration.ofSeconds(15);
  private static final SuiteTokens TOKENS = SuiteTokens.startInTemporaryDirectory();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  private static final Path LOGS = HOME.resolve("deploy/target/fault-drill-logs");

  private static LocalInfrastructure infra;
  private static ServiceProcesses services;
  private static SmsGatewaySimulator smsGateway;

  @BeforeAll
  static void startSuite() throws Exception {
    Files.createDirectories(LOGS);
    infra = LocalInfrastructure.startForDrills(LOGS.resolve("infrastructure"));
    smsGateway = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
    Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
    environment.put("SUITE_SMS_GATEWAY_URL", smsGateway.url());
    environment.putAll(TOKENS.environment());
    Map<String, Integer> ports = new LinkedHashMap<>();
    ServiceProcesses.DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, FreePort.find()));
    services = ServiceProcesses.start(HOME, environment, ports, LOGS);
    services.awaitReady(Duration.ofMinutes(3));
    importRegistry();
  }

  @AfterAll
  static void stopSuite() {
    // Each in its own try: whatever fails, every process started here is stopped.
    try {
      if (services != null) {
        services.close();
      }
    } finally {
      try {
        if (smsGateway != null) {
          smsGateway.close();
        }
      } finally {
        if (infra != null) {
          infra.close();
        }
      }
    }
  }

  @Test
  void consumers_killed_broker_killed_database_stopped_under_load_and_nothing_is_lost_or_doubled()
      throws Exception {
    try {
      drill();
    } catch (Throwable failure) {
      keepEvidence();
      throw failure;
    }
  }

  private void drill() throws Exception {
    long drillStarted = System.nanoTime();
    Load load = new Load();
    load.start();
    try {
      load.awaitAccepted(150);

      // Fault 1: every consumer service killed (kill -9) in the middle of the stream.
      int before = load.applications();
      long killed = System.nanoTime();
      for (String service : CONSUMERS) {
        services.kill(service);
      }
      Thread.sleep(CONSUMERS_DOWN.toMillis());
      for (String service : CONSUMERS) {
        services.restart(service);
      }
      services.awaitReady(Duration.ofMinutes(3), CONSUMERS);
      long ready = System.nanoTime();
      load.awaitAccepted(load.applications() + 50);
      Recovery consumers = inStepAfterPause(load, ready);
      System.out.printf(
          "FAULT consumers kill -9: the three killed at %d accepted applications, restarted %d ms"
              + " later, ready again %d ms after the kill; projections in step %d ms after ready"
              + " (load paused)%n",
          before, ms(CONSUMERS_DOWN), millis(ready - killed), consumers.inStepMillis);

      // Fault 2: the Kafka broker killed under load, and started again after a while.
      LocalKafkaCluster kafka = infra.cluster().orElseThrow();
      Window brokerWindow = load.window();
      long brokerStopped = System.nanoTime();
      kafka.stop(1);
      Thread.sleep(BROKER_DOWN.toMillis());
      long brokerStarted = System.nanoTime();
      kafka.start(1);
      kafka.awaitReady(Duration.ofMinutes(2));
      long brokerBack = System.nanoTime();
      Window.Figures duringBroker = brokerWindow.close();
      load.awaitAccepted(load.applications() + 50);
      Recovery broker = inStepAfterPause(load, brokerBack);
      System.out.printf(
          "FAULT broker kill -9: killed for %d ms, ready %d ms after its start (down %d ms in all);"
              + " during it %s; projections in step %d ms after the broker was back%n",
          millis(brokerStarted - brokerStopped),
          millis(brokerBack - brokerStarted),
          millis(brokerBack - brokerStopped),
          duringBroker,
          broker.inStepMillis);
      assertTrue(duringBroker.accepted > 0, "no command was accepted while the broker was down");
      assertEquals(
          Map.of(),
          duringBroker.refusedByStatus,
          "commands refused while only the broker was down");

      // Fault 3: PostgreSQL stopped under load: 503 with Retry-After, then back by itself.
      Window databaseWindow = load.window();
      long databaseStopped = System.nanoTime();
      infra.postgres().stop();
      Thread.sleep(DATABASE_DOWN.toMillis());
      infra.postgres().restart();
      long databaseBack = System.nanoTime();
      Window.Figures duringDatabase = databaseWindow.close();
      long firstAccepted = load.awaitAcceptedAfter(databaseBack);
      load.awaitAccepted(load.applications() + 50);
      Recovery database = inStepAfterPause(load, databaseBack);
      System.out.printf(
          "FAULT PostgreSQL stopped: down %d ms; during it %s; first command accepted %d ms after"
              + " PostgreSQL was back; in step %d ms after it was back%n",
          millis(databaseBack - databaseStopped),
          duringDatabase,
          millis(firstAccepted - databaseBack),
          database.inStepMillis);
      assertTrue(
          duringDatabase.refusedByStatus.getOrDefault(503, 0) > 0,
          "no command was refused with 503 while PostgreSQL was down: " + duringDatabase);
      assertEquals(
          Map.of(503, duringDatabase.refusedByStatus.getOrDefault(503, 0)),
          duringDatabase.refusedByStatus,
          "refusals other than 503 while PostgreSQL was down");
      assertEquals(
          duringDatabase.refusedByStatus.get(503),
          duringDatabase.withRetryAfter,
          "503 without Retry-After");
    } finally {
      load.stop();
    }
    System.out.printf(
        "LOAD total: %d applications accepted, %d productions, %d dispatches; refused %s (%d with"
            + " Retry-After); %d retries after no answer; unexpected answers: %s%n",
        load.applications(),
        load.produced.size(),
        load.dispatched.size(),
        load.refusedByStatus,
        load.withRetryAfter.get(),
        load.noAnswer.get(),
        load.unexpected);
    assertEquals(List.of(), load.unexpected, "answers other than 2xx, 409 after a retry, or 503");
    assertEquals(
        Map.of(),
        withoutKey(load.refusedByStatus, 503),
        "refusals other than 503 during the drill");

    endCheck(load);
    System.out.printf(
        "DRILL total %d s (without the suite's start)%n",
        millis(System.nanoTime() - drillStarted) / 1000);
  }

  // ------------------------------------------------------------------ evidence on failure

  private static final java.util.regex.Pattern STUCK =
      java.util.regex.Pattern.compile("could not apply (\\w+) #(\\d+) of card ([0-9a-f-]{36})");

  /**
   * On failure, keeps what is needed to tell a lost event from a late or misordered one: for the
   * cards the consumers refused (their logs), the store's rows (global index, sequence, time
   * stamp), the topic's records (partition, offset, the event), and the publisher's tokens; in
   * {@code deploy/target/fault-drill-logs/evidence.txt}.
   */
  private static void keepEvidence() {
    StringBuilder out = new StringBuilder("EVIDENCE of the failed drill\n");
    try {
      java.util.Set<String> cards = new java.util.LinkedHashSet<>();
      for (String service : CONSUMERS) {
        Path log = LOGS.resolve(service + ".log");
        if (Files.exists(log)) {
          java.util.regex.Matcher m = STUCK.matcher(Files.readString(log, StandardCharsets.UTF_8));
          while (m.find() && cards.size() < 5) {
            if (cards.add(m.group(3))) {
              out.append(service).append(" refused ").append(m.group(0)).append('\n');
            }
          }
        }
      }
      evidenceQuery(
          out,
          "SELECT processor_name, segment, owner, time_stamp, convert_from(token, 'UTF8')"
              + " FROM application.token_entry ORDER BY processor_name, segment");
      for (String card : cards) {
        evidenceQuery(
            out,
            "SELECT global_index, sequence_number, payload_type, time_stamp, event_identifier"
                + " FROM application.domain_event_entry WHERE aggregate_identifier = '"
                + card
                + "' ORDER BY sequence_number");
      }
      evidenceTopic(out, cards);
    } catch (Throwable e) {
      out.append("evidence incomplete: ").append(e).append('\n');
    }
    System.out.println(out);
    try {
      Files.writeString(LOGS.resolve("evidence.txt"), out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("could not write evidence.txt: " + e);
    }
  }

  private static void evidenceQuery(StringBuilder out, String sql) {
    out.append("SQL ").append(sql).append('\n');
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      int columns = row.getMetaData().getColumnCount();
      while (row.next()) {
        out.append("  ");
        for (int c = 1; c <= columns; c++) {
          out.append(c > 1 ? " | " : "").append(row.getString(c));
        }
        out.append('\n');
      }
    } catch (Exception e) {
      out.append("  failed: ").append(e).append('\n');
    }
  }

  /** Every record of the topic whose key is one of {@code cards}, read from the beginning. */
  private static void evidenceTopic(StringBuilder out, java.util.Set<String> cards) {
    java.util.Properties props = infra.cluster().orElseThrow().adminProperties();
    props.put("group.id", "fault-drill-evidence");
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    String topic = "card-lifecycle.v1";
    try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(
            props,
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.StringDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(20))
          .forEach(
              p ->
                  partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> ends =
          consumer.endOffsets(partitions, Duration.ofSeconds(20));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long read = 0;
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
          read++;
          if (cards.contains(record.key())) {
            String value = String.valueOf(record.value());
            out.append("  topic ")
                .append(record.partition())
                .append('@')
                .append(record.offset())
                .append(' ')
                .append(java.time.Instant.ofEpochMilli(record.timestamp()))
                .append(' ')
                .append(value, 0, Math.min(400, value.length()))
                .append('\n');
          }
        }
      }
      out.append("topic: ")
          .append(read)
          .append(" records read, end offsets ")
          .append(ends)
          .append('\n');
    } catch (Exception e) {
      out.append("topic not read: ").append(e).append('\n');
    }
  }

  // ------------------------------------------------------------------ the end check

  private static void endCheck(Load load) throws Exception {
    long started = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> reconciliation().path("consistent").asBoolean());
    JsonNode report = reconciliation();
    int applications = load.applications();
    int produced = load.produced.size();
    int dispatched = load.dispatched.size();
    assertEquals(applications, report.path("storeCards").asInt(), "cards in the store");
    assertEquals(
        applications + produced + dispatched,
        report.path("storeEvents").asInt(),
        "events in the store: one per accepted command");
    // Exactly one event per accepted command, card by card.
    Map<String, Long> eventsPerCard =
        rows(
            "SELECT aggregate_identifier, count(*) FROM application.domain_event_entry"
                + " GROUP BY aggregate_identifier");
    List<String> wrong = new ArrayList<>();
    for (String card : load.cards.values()) {
      long expected =
          1 + (load.produced.contains(card) ? 1 : 0) + (load.dispatched.contains(card) ? 1 : 0);
      if (eventsPerCard.getOrDefault(card, 0L) != expected) {
        wrong.add(card + ": " + eventsPerCard.get(card) + " events, expected " + expected);
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), "events per card");
    // Nothing half-written: every claim of a person has its card's application, and vice versa.
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM application.application_claim c WHERE NOT EXISTS (SELECT 1"
                + " FROM application.domain_event_entry e WHERE e.aggregate_identifier = c.card_id)"),
        "claims without an application");
    assertEquals(applications, count("SELECT count(*) FROM application.application_claim"));

    // The SMS gateway: one text per application, one more per dispatch, none twice.
    Map<String, Integer> expectedTexts = new LinkedHashMap<>();
    load.cards.forEach(
        (person, card) ->
            expectedTexts.put(mobile(person), 1 + (load.dispatched.contains(card) ? 1 : 0)));
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> textsReceived(expectedTexts).equals(expectedTexts));
    Thread.sleep(2_000); // anything sent twice would arrive by now
    assertEquals(expectedTexts, textsReceived(expectedTexts), "texts per holder");
    // The bank feeds: no message twice, one CardRequested message per application.
    assertEquals(
        0,
        count(
            "SELECT count(*) - count(DISTINCT (bank_code, card_id, card_sequence, message_type))"
                + " FROM bank_gateway.bank_feed_message"),
        "a bank message twice");
    assertEquals(
        applications,
        count(
            "SELECT count(*) FROM bank_gateway.bank_feed_message"
                + " WHERE message_type = 'CardRequested'"),
        "CardRequested messages");

    // Every projection equals a from-scratch rebuild.
    for (String service : CONSUMERS) {
      assertEquals(202, operator("POST", service, "/projection/rebuild").statusCode(), service);
    }
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                CONSUMERS.stream()
                    .allMatch(
                        s ->
                            List.of("DONE", "FAILED")
                                .contains(progress(s).path("state").asText())));
    for (String service : CONSUMERS) {
      JsonNode progress = progress(service);
      System.out.printf(
          "END %s rebuilt from scratch: %s, %d events, identical: %s%n",
          service,
          progress.path("state").asText(),
          progress.path("eventsApplied").asLong(),
          progress.path("identical"));
      assertEquals("DONE", progress.path("state").asText(), service + ": " + progress);
      assertTrue(progress.path("identical").asBoolean(), service + " differs: " + progress);
    }
    System.out.printf(
        "END %d cards, %d events in the store, %d texts, %d bank messages; checked in %d ms%n",
        report.path("storeCards").asInt(),
        report.path("storeEvents").asInt(),
        expectedTexts.values().stream().mapToInt(Integer::intValue).sum(),
        count("SELECT count(*) FROM bank_gateway.bank_feed_message"),
        millis(System.nanoTime() - started));
  }

  private record Recovery(long inStepMillis) {}

  /**
   * Pauses the load and measures how long after {@code since} the projections are in step with the
   * event store; then resumes the load.
   */
  private static Recovery inStepAfterPause(Load load, long since) throws Exception {
    load.pause();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> reconciliation().path("consistent").asBoolean());
    long inStep = System.nanoTime();
    load.resume();
    return new Recovery(millis(inStep - since));
  }

  // ------------------------------------------------------------------ the load

  /** What the clients saw from one moment to the next (a fault's window). */
  private static final class Window {
    record Figures(
        int accepted, Map<Integer, Integer> refusedByStatus, int withRetryAfter, int noAnswer) {
      @Override
      public String toString() {
        return accepted
            + " commands accepted, refused "
            + refusedByStatus
            + " ("
            + withRetryAfter
            + " with Retry-After), "
            + noAnswer
            + " without an answer";
      }
    }

    final AtomicInteger accepted = new AtomicInteger();
    final Map<Integer, Integer> refusedByStatus = new ConcurrentHashMap<>();
    final AtomicInteger withRetryAfter = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicBoolean open = new AtomicBoolean(true);
    final AtomicReference<Figures> closed = new AtomicReference<>();

    Figures close() {
      open.set(false);
      closed.compareAndSet(
          null,
          new Figures(
              accepted.get(),
              new HashMap<>(refusedByStatus),
              withRetryAfter.get(),
              noAnswer.get()));
      return closed.get();
    }
  }

  /**
   * Applications from distinct persons by {@link #CLIENTS} clients. A client whose application is
   * refused with 503 (or gets no answer) sends it again with the same Idempotency-Key after a
   * moment; every other accepted card is then produced, and every fourth dispatched, with the same
   * retries. A 409 on a retried lifecycle command counts as accepted only if the card shows the
   * command applied (the first attempt went through unanswered).
   */
  private static final class Load {
    final Map<Integer, String> cards = new ConcurrentHashMap<>();
    final java.util.Set<String> produced = ConcurrentHashMap.newKeySet();
    final java.util.Set<String> dispatched = ConcurrentHashMap.newKeySet();
    final Map<Integer, Integer> refusedByStatus = new ConcurrentHashMap<>();
    final AtomicInteger withRetryAfter = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger next = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicBoolean paused = new AtomicBoolean(false);
    final AtomicInteger inFlight = new AtomicInteger();
    final List<Long> acceptedAt = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile Window window;
    final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);

    void start() {
      for (int t = 0; t < CLIENTS; t++) {
        pool.submit(this::run);
      }
    }

    Window window() {
      window = new Window();
      return window;
    }

    int applications() {
      return cards.size();
    }

    void pause() throws InterruptedException {
      paused.set(true);
      await().atMost(Duration.ofMinutes(2)).until(() -> inFlight.get() == 0);
    }

    void resume() {
      paused.set(false);
    }

    void stop() throws InterruptedException {
      running.set(false);
      pool.shutdown();
      if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
        pool.shutdownNow();
      }
    }

    void awaitAccepted(int count) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> cards.size() >= count || next.get() >= PERSONS);
      assertTrue(next.get() < PERSONS, "the load ran out of persons: raise PERSONS or the pace");
    }

    /** Waits for the first command accepted after {@code since} (nanoTime) and returns when. */
    long awaitAcceptedAfter(long since) {
      return await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                synchronized (acceptedAt) {
                  return acceptedAt.stream().filter(t -> t > since).findFirst();
                }
              },
              Optional::isPresent)
          .orElseThrow();
    }

    private Void run() {
      while (running.get()) {
        try {
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
            cycle(person);
          } finally {
            inFlight.decrementAndGet();
          }
          Thread.sleep(PACE.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        } catch (RuntimeException e) {
          unexpected.add(e.toString());
        }
      }
      return null;
    }

    private void cycle(int person) throws InterruptedException {
      Optional<HttpResponse<String>> applied =
          send(
              () ->
                  command("/cards", citizen(person), application(person), "fault-drill-" + person),
              () -> false,
              "application of " + person);
      if (applied.isEmpty()) {
        return;
      }
      String card = json(applied.get()).path("cardId").asText();
      cards.put(person, card);
      if (person % 2 != 0) {
        return;
      }
      String bank = bank(person);
      if (lifecycle(
          card,
          "/production",
          factory(bank),
          "{\"cardNumber\":\"F%08d\"}".formatted(person),
          "PRODUCED")) {
        produced.add(card);
      } else {
        return;
      }
      if (person % 4 == 0
          && lifecycle(
              card,
              "/dispatch",
              factory(bank),
              "{\"method\":\"MAIL\",\"trackingNumber\":\"SF%013d\"}".formatted(person),
              "DISPATCHED")) {
        dispatched.add(card);
      }
    }

    private boolean lifecycle(
        String card, String path, Caller caller, String body, String statusAfter)
        throws InterruptedException {
      Optional<HttpResponse<String>> answer =
          send(
              () -> command("/cards/" + card + path, caller, body, null),
              () -> statusAfter.equals(cardStatus(card)),
              card + path);
      return answer.isPresent();
    }

    private interface Call {
      HttpResponse<String> call() throws IOException, InterruptedException;
    }

    /**
     * Sends until accepted: 503 or no answer, again after a moment; a 409 after an unanswered
     * attempt is checked against the card. Returns the accepting answer, or empty (recorded as
     * unexpected) for any other refusal.
     */
    private Optional<HttpResponse<String>> send(
        Call call, java.util.concurrent.Callable<Boolean> appliedAfterAll, String what)
        throws InterruptedException {
      boolean unanswered = false;
      for (int attempt = 0; attempt < 600; attempt++) {
        Window current = window;
        Window open = current != null && current.open.get() ? current : null;
        try {
          HttpResponse<String> answer = call.call();
          int status = answer.statusCode();
          if (status == 200 || status == 201) {
            long now = System.nanoTime();
            acceptedAt.add(now);
            if (open != null) {
              open.accepted.incrementAndGet();
            }
            return Optional.of(answer);
          }
          refusedByStatus.merge(status, 1, Integer::sum);
          if (open != null) {
            open.refusedByStatus.merge(status, 1, Integer::sum);
          }
          if (status == 503) {
            Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
            if (retryAfter.isPresent()) {
              withRetryAfter.incrementAndGet();
              if (open != null) {
                open.withRetryAfter.incrementAndGet();
              }
            }
            // A real client waits Retry-After; the drill's clients come back sooner to see the
            // recovery to the second.
            Thread.sleep(500);
            continue;
          }
          if (status == 409 && unanswered && appliedAfterAll.call()) {
            // The unanswered attempt was applied: the command is accepted once, not twice.
            return Optional.of(answer);
          }
          unexpected.add(what + ": " + status + " " + answer.body());
          return Optional.empty();
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          unanswered = true;
          noAnswer.incrementAndGet();
          if (open != null) {
            open.noAnswer.incrementAndGet();
          }
          Thread.sleep(500);
        }
      }
      unexpected.add(what + ": never accepted");
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ the people and their cards

  private static final DrillPersons PEOPLE = new DrillPersons(1968, "137", "故障");

  private static String idNumber(int i) {
    return PEOPLE.idNumber(i);
  }

  private static String mobile(int i) {
    return PEOPLE.mobile(i);
  }

  private static String bank(int person) {
    return MAIL_BANKS[(person / 2) % MAIL_BANKS.length];
  }

  /** Every person applies by mail (a dispatch needs a tracking number only). */
  private static String application(int person) {
    return ("{\"applicant\":{\"idNumber\":\"%s\",\"name\":\"故障%d\",\"mobile\":\"%s\"},"
            + "\"bankCode\":\"%s\",\"collection\":{\"method\":\"MAIL\","
            + "\"address\":\"北京市朝阳区东三环路%d号\"}}")
        .formatted(idNumber(person), person % 100, mobile(person), bank(person), person);
  }

  private static void importRegistry() throws Exception {
    String csv = PEOPLE.registryCsv(PERSONS);
    HttpResponse<String> answer =
        HTTP.send(
            request(APPLICATION, "/insured-persons/import", OPERATOR)
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
            request(APPLICATION, "/audit/reconciliation", AUDITOR).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return json(answer);
  }

  private static String cardStatus(String card) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            request(APPLICATION, "/cards/" + card, AUDITOR).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() == 200 ? json(answer).path("status").asText() : "";
  }

  private static JsonNode progress(String service) {
    try {
      return json(operator("GET", service, "/projection/rebuild"));
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

  private static long count(String sql) throws Exception {
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static Map<String, Long> rows(String sql) throws Exception {
    Map<String, Long> rows = new HashMap<>();
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        rows.put(row.getString(1), row.getLong(2));
      }
    }
    return rows;
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection(
        infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static long ms(Duration duration) {
    return duration.toMillis();
  }

  private static Map<Integer, Integer> withoutKey(Map<Integer, Integer> map, int key) {
    Map<Integer, Integer> copy = new HashMap<>(map);
    copy.remove(key);
    return copy;
  }

  // ------------------------------------------------------------------ HTTP: who calls, in one
  // place

  /** Who sends a request: role, id (a citizen's ID number) and channel; a signed token (ADR 16). */
  private record Caller(String role, String actorId, String channel) {}

  private static final Caller OPERATOR = new Caller("OPERATOR", "fault-drill", "OPERATOR_CONSOLE");
  private static final Caller AUDITOR = new Caller("AUDITOR", "fault-drill", "OPERATOR_CONSOLE");

  private static Caller citizen(int person) {
    return new Caller("CITIZEN", idNumber(person), "JINGTONG_MINI_PROGRAM");
  }

  private static Caller factory(String bank) {
    return new Caller("CARD_FACTORY", bank + "-factory", "CARD_FACTORY_API");
  }

  /** Every request of this test is built here: the caller's signed token and channel. */
  private static HttpRequest.Builder request(String service, String path, Caller caller) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(services.url(service) + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Channel", caller.channel());
    // A factory's report arrives as card-production-service relays it (ADR 24).
    TOKENS.applicationServiceHeaders(caller.role(), caller.actorId()).forEach(request::header);
    return request;
  }

  private static HttpResponse<String> command(
      String path, Caller caller, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(APPLICATION, path, caller)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> operator(String method, String service, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        request(service, path, OPERATOR)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
