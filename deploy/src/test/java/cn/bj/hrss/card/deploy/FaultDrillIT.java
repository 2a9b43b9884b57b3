package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.infra.LocalKafkaCluster;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private static final int PERSONS = 8_000;
  private static final Duration CONSUMERS_DOWN = Duration.ofSeconds(5);
  private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
  private static final Duration DATABASE_DOWN = Duration.ofSeconds(15);
  private static final Path LOGS = DrillSuite.logs("fault-drill-logs");

  /** The load's persons are 0 to PERSONS - 1; the marker is person PERSONS. */
  private static final DrillPersons PEOPLE = new DrillPersons(1968, "137", "故障");

  private static final String MARKER_BANK = "BOB";

  private static DrillSuite suite;
  private static DrillProbe probe;

  @BeforeAll
  static void startSuite() throws Exception {
    Files.createDirectories(LOGS);
    suite =
        DrillSuite.start(
            SuiteTokens.startInTemporaryDirectory(),
            LocalInfrastructure.startForDrills(LOGS.resolve("infrastructure")),
            Map.of(),
            DrillSuite.freePorts(),
            LOGS,
            Duration.ofMinutes(3));
    probe = new DrillProbe(suite, "fault-drill", Duration.ofSeconds(30));
    probe.importRegistry(PEOPLE, PERSONS + 1);
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void consumers_killed_broker_killed_database_stopped_under_load_and_nothing_is_lost_or_doubled()
      throws Exception {
    try {
      drill();
    } catch (Throwable failure) {
      FaultDrillEvidence.keep(suite.infra, LOGS);
      throw failure;
    }
  }

  private void drill() throws Exception {
    long drillStarted = System.nanoTime();
    FaultDrillLoad load = new FaultDrillLoad(probe, PEOPLE, PERSONS);
    load.start();
    try {
      load.awaitAccepted(150);

      // Fault 1: every consumer service killed (kill -9) in the middle of the stream.
      int before = load.applications();
      long killed = System.nanoTime();
      for (String service : DrillSuite.CONSUMERS) {
        suite.services.kill(service);
      }
      Thread.sleep(CONSUMERS_DOWN.toMillis());
      for (String service : DrillSuite.CONSUMERS) {
        suite.services.restart(service);
      }
      suite.services.awaitReady(Duration.ofMinutes(3), DrillSuite.CONSUMERS);
      long ready = System.nanoTime();
      load.awaitAccepted(load.applications() + 50);
      Recovery consumers = inStepAfterPause(load, ready);
      System.out.printf(
          "FAULT consumers kill -9: the three killed at %d accepted applications, restarted %d ms"
              + " later, ready again %d ms after the kill; projections in step %d ms after ready"
              + " (load paused)%n",
          before, ms(CONSUMERS_DOWN), millis(ready - killed), consumers.inStepMillis);

      // Fault 2: the Kafka broker killed under load, and started again after a while.
      LocalKafkaCluster kafka = suite.infra.cluster().orElseThrow();
      FaultDrillLoad.Window brokerWindow = load.window();
      long brokerStopped = System.nanoTime();
      kafka.stop(1);
      Thread.sleep(BROKER_DOWN.toMillis());
      long brokerStarted = System.nanoTime();
      kafka.start(1);
      kafka.awaitReady(Duration.ofMinutes(2));
      long brokerBack = System.nanoTime();
      FaultDrillLoad.Window.Figures duringBroker = brokerWindow.close();
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
      assertTrue(duringBroker.accepted() > 0, "no command was accepted while the broker was down");
      assertEquals(
          Map.of(),
          duringBroker.refusedByStatus(),
          "commands refused while only the broker was down");

      // Fault 3: PostgreSQL stopped under load: 503 with Retry-After, then back by itself.
      FaultDrillLoad.Window databaseWindow = load.window();
      long databaseStopped = System.nanoTime();
      suite.infra.postgres().stop();
      Thread.sleep(DATABASE_DOWN.toMillis());
      suite.infra.postgres().restart();
      long databaseBack = System.nanoTime();
      FaultDrillLoad.Window.Figures duringDatabase = databaseWindow.close();
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
          duringDatabase.refusedByStatus().getOrDefault(503, 0) > 0,
          "no command was refused with 503 while PostgreSQL was down: " + duringDatabase);
      assertEquals(
          Map.of(503, duringDatabase.refusedByStatus().getOrDefault(503, 0)),
          duringDatabase.refusedByStatus(),
          "refusals other than 503 while PostgreSQL was down");
      assertEquals(
          duringDatabase.refusedByStatus().get(503),
          duringDatabase.withRetryAfter(),
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

  // ------------------------------------------------------------------ the end check

  private static void endCheck(FaultDrillLoad load) throws Exception {
    long started = System.nanoTime();
    probe.awaitInStep(Duration.ofMinutes(3));
    JsonNode report = probe.reconciliation();
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
        probe.rows(
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
        probe.count(
            "SELECT count(*) FROM application.application_claim c WHERE NOT EXISTS (SELECT 1"
                + " FROM application.domain_event_entry e WHERE e.aggregate_identifier = c.card_id)"),
        "claims without an application");
    assertEquals(applications, probe.count("SELECT count(*) FROM application.application_claim"));

    // The SMS gateway: one text per application, one more per dispatch, none twice.
    Map<String, Integer> expectedTexts = new LinkedHashMap<>();
    load.cards.forEach(
        (person, card) ->
            expectedTexts.put(PEOPLE.mobile(person), 1 + (load.dispatched.contains(card) ? 1 : 0)));
    probe.awaitTexts(expectedTexts, Duration.ofMinutes(2));
    // A marker made now has gone through every consumer: a text sent twice would be there by then.
    probe.marker(PEOPLE, PERSONS, MARKER_BANK, Duration.ofMinutes(2));
    assertEquals(expectedTexts, probe.textsReceived(expectedTexts.keySet()), "texts per holder");
    // The bank feeds: no message twice, one CardRequested message per application.
    assertEquals(0, probe.duplicateBankMessages(), "a bank message twice");
    assertEquals(
        applications + 1,
        probe.bankMessages("CardRequested"),
        "CardRequested messages (and the marker's)");

    // Every projection equals a from-scratch rebuild.
    Map<String, JsonNode> rebuilt =
        probe.rebuildAndCompare(DrillSuite.CONSUMERS, Duration.ofMinutes(3));
    rebuilt.forEach(
        (service, progress) ->
            System.out.printf(
                "END %s rebuilt from scratch: %s, %d events, identical: %s%n",
                service,
                progress.path("state").asText(),
                progress.path("eventsApplied").asLong(),
                progress.path("identical")));
    System.out.printf(
        "END %d cards, %d events in the store, %d texts, %d bank messages; checked in %d ms%n",
        report.path("storeCards").asInt(),
        report.path("storeEvents").asInt(),
        expectedTexts.values().stream().mapToInt(Integer::intValue).sum(),
        probe.count("SELECT count(*) FROM bank_gateway.bank_feed_message"),
        millis(System.nanoTime() - started));
  }

  private record Recovery(long inStepMillis) {}

  /**
   * Pauses the load and measures how long after {@code since} the projections are in step with the
   * event store; then resumes the load.
   */
  private static Recovery inStepAfterPause(FaultDrillLoad load, long since) throws Exception {
    load.pause();
    probe.awaitInStep(Duration.ofMinutes(3));
    long inStep = System.nanoTime();
    load.resume();
    return new Recovery(millis(inStep - since));
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
}
