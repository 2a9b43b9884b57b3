package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's measure, with the four built services as separate processes on a real PostgreSQL and a
 * real Kafka broker: a few thousand cards go through the suite; every projection is rebuilt from
 * the start of the card topic into a copy while new applications keep arriving and reads keep being
 * answered; each rebuilt projection is identical, row by row, to the one it replaced; the rebuild
 * had no side effect (no SMS sent again, no bank message, no command); and reconciliation finds
 * every service in step with the event store.
 */
class RebuildEveryProjectionIT {

  private static final int CARDS = 800;
  private static final int DURING = 80;
  private static final List<String> CONSUMERS = DrillSuite.CONSUMERS;
  private static final String[] MAIL_BANKS = {"ICBC", "CCB", "BOC", "PSBC"};
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final Path LOGS = DrillSuite.logs("rebuild-it-logs");

  /** Persons 0 to CARDS + DURING - 1 apply; the marker is person CARDS + DURING. */
  private static final DrillPersons PEOPLE = new DrillPersons(1975, "139", "测试");

  private static final String MARKER_BANK = "BOB";

  private static DrillSuite suite;
  private static DrillProbe probe;

  @BeforeAll
  static void startSuite() {
    suite = DrillSuite.start(SuiteTokens.startInTemporaryDirectory(), "rebuild-it-logs");
    probe = new DrillProbe(suite, "rebuild-it", Duration.ofMinutes(2));
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void every_projection_rebuilt_while_serving_is_identical_and_the_rebuild_has_no_side_effect()
      throws Exception {
    probe.importRegistry(PEOPLE, CARDS + DURING + 1);
    List<String> cards = apply(0, CARDS);
    Map<String, Integer> expectedTexts = lifecycle(cards);
    probe.awaitInStep(Duration.ofMinutes(3));
    probe.awaitTexts(expectedTexts, Duration.ofMinutes(3));

    long storeEvents = probe.reconciliation().path("storeEvents").asLong();
    Map<String, Long> feedsBefore = probe.bankMessagesPerBank();
    assertEquals(0, probe.duplicateBankMessages());

    probe.startRebuilds(CONSUMERS);
    // While the copies are replayed and switched: new applications, and reads of the projections.
    AtomicLong readsAnswered = new AtomicLong();
    AtomicInteger readsRefused = new AtomicInteger();
    AtomicBoolean stopReading = new AtomicBoolean();
    ExecutorService readers = Executors.newSingleThreadExecutor();
    Future<?> reading =
        readers.submit(
            () -> {
              int i = 0;
              while (!probe.rebuildsEnded(CONSUMERS) && !stopReading.get()) {
                String card = cards.get(i++ % cards.size());
                for (HttpResponse<String> answer :
                    List.of(
                        get("card-production-service", "/production-orders/" + card),
                        get("notification-service", "/notifications/cards/" + card))) {
                  if (answer.statusCode() == 200) {
                    readsAnswered.incrementAndGet();
                  } else {
                    readsRefused.incrementAndGet();
                  }
                }
              }
              return null;
            });
    List<String> during;
    try {
      during = apply(CARDS, DURING);
      probe.awaitRebuildsEnded(CONSUMERS, Duration.ofMinutes(5));
    } finally {
      stopReading.set(true);
      readers.shutdown();
    }
    reading.get();

    for (String service : CONSUMERS) {
      JsonNode progress = probe.progress(service);
      System.out.printf(
          "%s rebuild: %s, %d events applied at %d/s, live consumer stopped %d ms, compared: %s%n",
          service,
          progress.path("state").asText(),
          progress.path("eventsApplied").asLong(),
          progress.path("eventsPerSecond").asLong(),
          progress.path("liveConsumerPausedMillis").asLong(),
          progress.path("comparedWithPrevious"));
      assertEquals("DONE", progress.path("state").asText(), service + ": " + progress);
      assertTrue(progress.path("identical").asBoolean(), service + " differs: " + progress);
      assertTrue(
          progress.path("eventsApplied").asLong() >= storeEvents,
          service + " replayed fewer events than the store held: " + progress);
    }
    System.out.printf(
        "reads during the rebuild: %d answered, %d refused%n",
        readsAnswered.get(), readsRefused.get());
    assertTrue(readsAnswered.get() > 0, "no read was answered during the rebuild");
    assertEquals(0, readsRefused.get(), "reads were refused during the rebuild");

    // The applications made during the rebuild reached every projection after the switch.
    probe.awaitInStep(Duration.ofMinutes(3));
    JsonNode report = probe.reconciliation();
    assertEquals(storeEvents + DURING, report.path("storeEvents").asLong(), "commands were sent");
    // No SMS twice: the earlier cards' texts are as they were; each new card got its one text.
    Map<String, Integer> expectedAfter = new LinkedHashMap<>(expectedTexts);
    for (int i = CARDS; i < CARDS + DURING; i++) {
      expectedAfter.put(PEOPLE.mobile(i), 1);
    }
    probe.awaitTexts(expectedAfter, Duration.ofMinutes(2));
    // A marker made now has gone through every consumer: a text sent twice would be there by then.
    probe.marker(PEOPLE, CARDS + DURING, MARKER_BANK, Duration.ofMinutes(2));
    assertEquals(expectedAfter, probe.textsReceived(expectedAfter.keySet()));
    // No bank message twice: each bank's feed grew by the new applications' messages only (and
    // the marker's).
    assertEquals(0, probe.duplicateBankMessages());
    Map<String, Long> feedsAfter = probe.bankMessagesPerBank();
    long added =
        feedsAfter.values().stream().mapToLong(Long::longValue).sum()
            - feedsBefore.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(
        during.size() + 1, added, "bank messages added: " + feedsBefore + " -> " + feedsAfter);

    // Issue 8, point 3: no service logged anyone's ID number, mobile, name or address unmasked.
    List<String> leaks = new ArrayList<>();
    for (String service : ServiceProcesses.DEFAULT_PORTS.keySet()) {
      String log = Files.readString(LOGS.resolve(service + ".log"), StandardCharsets.UTF_8);
      for (int i = 0; i < CARDS + DURING; i++) {
        for (String personal : List.of(idNumber(i), mobile(i), "建国路" + i + "号")) {
          if (log.contains(personal)) {
            leaks.add(service + " logged " + personal);
          }
        }
      }
      if (log.contains("测试")) {
        leaks.add(service + " logged an applicant's name");
      }
    }
    assertEquals(List.of(), leaks.subList(0, Math.min(10, leaks.size())));
  }

  // ------------------------------------------------------------------ the cards

  private static String idNumber(int i) {
    return PEOPLE.idNumber(i);
  }

  private static String mobile(int i) {
    return PEOPLE.mobile(i);
  }

  /** Applications for persons from..from+count: every other one by mail, the rest at an outlet. */
  private static List<String> apply(int from, int count) throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      int person = i;
      String collection =
          person % 2 == 0
              ? "{\"method\":\"MAIL\",\"address\":\"北京市朝阳区建国路" + person + "号\"}"
              : "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"" + OUTLET + "\"}";
      String bank = person % 2 == 0 ? MAIL_BANKS[(person / 2) % MAIL_BANKS.length] : "ICBC";
      String body =
          "{\"applicant\":{\"idNumber\":\"%s\",\"name\":\"测试%d\",\"mobile\":\"%s\"},\"bankCode\":\"%s\",\"collection\":%s}"
              .formatted(idNumber(person), person % 100, mobile(person), bank, collection);
      tasks.add(
          () -> {
            HttpResponse<String> answer =
                command("/cards", "CITIZEN", idNumber(person), "JINGTONG_MINI_PROGRAM", body);
            assertEquals(201, answer.statusCode(), answer.body());
            return json(answer).path("cardId").asText();
          });
    }
    return runAll(tasks);
  }

  /**
   * Two cards in three are produced and dispatched; of those, half are handed over and enabled.
   * Returns the number of texts each holder must receive.
   */
  private static Map<String, Integer> lifecycle(List<String> cards) throws Exception {
    Map<String, Integer> texts = new LinkedHashMap<>();
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < cards.size(); i++) {
      int person = i;
      String card = cards.get(i);
      boolean byMail = person % 2 == 0;
      boolean dispatched = person % 3 != 0;
      boolean enabled = dispatched && person % 2 == 0 || dispatched && person % 5 == 1;
      texts.put(mobile(person), 1 + (dispatched ? 1 : 0) + (enabled ? 1 : 0));
      if (!dispatched) {
        continue;
      }
      String bank = byMail ? MAIL_BANKS[(person / 2) % MAIL_BANKS.length] : "ICBC";
      tasks.add(
          () -> {
            expect(
                command(
                    "/cards/" + card + "/production",
                    "CARD_FACTORY",
                    bank + "-factory",
                    "CARD_FACTORY_API",
                    "{\"cardNumber\":\"R%08d\"}".formatted(person)));
            expect(
                command(
                    "/cards/" + card + "/dispatch",
                    "CARD_FACTORY",
                    bank + "-factory",
                    "CARD_FACTORY_API",
                    byMail
                        ? "{\"method\":\"MAIL\",\"trackingNumber\":\"SF%013d\"}".formatted(person)
                        : "{\"method\":\"OUTLET_PICKUP\",\"outletName\":\"" + OUTLET + "\"}"));
            if (enabled) {
              expect(
                  byMail
                      ? command(
                          "/cards/" + card + "/delivery",
                          "BANK",
                          bank,
                          "BANK_API",
                          "{\"method\":\"MAIL\"}")
                      : command(
                          "/cards/" + card + "/collection",
                          "BANK",
                          bank,
                          "BANK_OUTLET",
                          "{\"outletName\":\"" + OUTLET + "\"}"));
              expect(
                  byMail
                      ? command(
                          "/cards/" + card + "/social-function",
                          "CITIZEN",
                          idNumber(person),
                          "BEIJING_HRSS_WECHAT",
                          "{}")
                      : command(
                          "/cards/" + card + "/social-function",
                          "BANK",
                          bank,
                          "BANK_OUTLET",
                          "{}"));
            }
            return card;
          });
    }
    runAll(tasks);
    return texts;
  }

  private static void expect(HttpResponse<String> answer) {
    assertEquals(200, answer.statusCode(), answer.uri() + ": " + answer.body());
  }

  private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> result : pool.invokeAll(tasks)) {
        results.add(result.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  // ------------------------------------------------------------------ HTTP

  private static HttpResponse<String> command(
      String path, String role, String actor, String channel, String body) throws Exception {
    return probe.command(DrillSuite.APPLICATION, path, role, actor, channel, body, null);
  }

  private static HttpResponse<String> get(String service, String path) throws Exception {
    return probe.operator("GET", service, path);
  }

  private static JsonNode json(HttpResponse<String> answer) {
    return DrillProbe.json(answer);
  }
}
