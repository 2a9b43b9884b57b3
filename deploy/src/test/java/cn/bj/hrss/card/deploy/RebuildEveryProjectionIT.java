package cn.bj.hrss.card.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.infra.FreePort;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  private static final int CARDS = 2_000;
  private static final int DURING = 200;
  private static final List<String> CONSUMERS =
      List.of("card-production-service", "bank-gateway-service", "notification-service");
  private static final String[] MAIL_BANKS = {"ICBC", "CCB", "BOC", "PSBC"};
  private static final String OUTLET = "工商银行北京朝阳门支行";
  private static final SuiteTokens TOKENS = SuiteTokens.startInTemporaryDirectory();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path LOGS =
      Path.of(System.getProperty("suite.home", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("deploy/target/rebuild-it-logs");

  private static LocalInfrastructure infra;
  private static ServiceProcesses services;
  private static SmsGatewaySimulator smsGateway;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startSuite() {
    Path home = Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
    infra = LocalInfrastructure.start(System.getenv(), 0, 0);
    smsGateway = SmsGatewaySimulator.start(SmsGatewaySimulator.Settings.defaults().withPort(0));
    Map<String, String> environment = new LinkedHashMap<>(infra.serviceEnvironment());
    environment.put("SUITE_SMS_GATEWAY_URL", smsGateway.url());
    environment.putAll(TOKENS.environment());
    Map<String, Integer> ports = new LinkedHashMap<>();
    ServiceProcesses.DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, FreePort.find()));
    services = ServiceProcesses.start(home, environment, ports, LOGS);
    services.awaitReady(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopSuite() {
    if (services != null) {
      services.close();
    }
    if (smsGateway != null) {
      smsGateway.close();
    }
    if (infra != null) {
      infra.close();
    }
  }

  @Test
  void every_projection_rebuilt_while_serving_is_identical_and_the_rebuild_has_no_side_effect()
      throws Exception {
    importRegistry(CARDS + DURING);
    List<String> cards = apply(0, CARDS);
    Map<String, Integer> expectedTexts = lifecycle(cards);
    awaitInStep();
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> textsReceived(expectedTexts.keySet()).equals(expectedTexts));

    long storeEvents = reconciliation().path("storeEvents").asLong();
    Map<String, Long> feedsBefore = bankMessagesPerBank();
    assertEquals(0, duplicateBankMessages());

    for (String service : CONSUMERS) {
      assertEquals(202, operatorPost(service, "/projection/rebuild").statusCode());
    }
    // While the copies are replayed and switched: new applications, and reads of the projections.
    AtomicLong readsAnswered = new AtomicLong();
    AtomicInteger readsRefused = new AtomicInteger();
    ExecutorService readers = Executors.newSingleThreadExecutor();
    Future<?> reading =
        readers.submit(
            () -> {
              int i = 0;
              while (!allDone()) {
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
    List<String> during = apply(CARDS, DURING);
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(RebuildEveryProjectionIT::allDone);
    reading.get();
    readers.shutdown();

    for (String service : CONSUMERS) {
      JsonNode progress = json(operatorGet(service, "/projection/rebuild"));
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
    awaitInStep();
    JsonNode report = reconciliation();
    assertEquals(storeEvents + DURING, report.path("storeEvents").asLong(), "commands were sent");
    // No SMS twice: the earlier cards' texts are as they were; each new card got its one text.
    Map<String, Integer> expectedAfter = new LinkedHashMap<>(expectedTexts);
    for (int i = CARDS; i < CARDS + DURING; i++) {
      expectedAfter.put(mobile(i), 1);
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> textsReceived(expectedAfter.keySet()).equals(expectedAfter));
    Thread.sleep(2_000); // anything sent twice would arrive by now
    assertEquals(expectedAfter, textsReceived(expectedAfter.keySet()));
    // No bank message twice: each bank's feed grew by the new applications' messages only.
    assertEquals(0, duplicateBankMessages());
    Map<String, Long> feedsAfter = bankMessagesPerBank();
    long added =
        feedsAfter.values().stream().mapToLong(Long::longValue).sum()
            - feedsBefore.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(during.size(), added, "bank messages added: " + feedsBefore + " -> " + feedsAfter);

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

  private static final DrillPersons PEOPLE = new DrillPersons(1975, "139", "测试");

  private static String idNumber(int i) {
    return PEOPLE.idNumber(i);
  }

  private static String mobile(int i) {
    return PEOPLE.mobile(i);
  }

  private static void importRegistry(int persons) throws Exception {
    String csv = PEOPLE.registryCsv(persons);
    HttpResponse<String> answer =
        HTTP.send(
            request("application-service", "/insured-persons/import", "OPERATOR", "rebuild-it")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(answer.statusCode() < 300, answer.body());
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

  // ------------------------------------------------------------------ what the suite shows

  private static JsonNode reconciliation() throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            request("application-service", "/audit/reconciliation", "AUDITOR", "rebuild-it")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return json(answer);
  }

  private static void awaitInStep() {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> reconciliation().path("consistent").asBoolean());
  }

  private static boolean allDone() throws Exception {
    for (String service : CONSUMERS) {
      String state = json(operatorGet(service, "/projection/rebuild")).path("state").asText();
      if (state.equals("FAILED")) {
        return true;
      }
      if (!state.equals("DONE")) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Integer> textsReceived(Iterable<String> mobiles) {
    Map<String, Integer> received = new LinkedHashMap<>();
    for (String mobile : mobiles) {
      received.put(mobile, smsGateway.received(mobile).size());
    }
    return received;
  }

  private static Map<String, Long> bankMessagesPerBank() throws Exception {
    Map<String, Long> perBank = new LinkedHashMap<>();
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT bank_code, count(*) FROM bank_gateway.bank_feed_message"
                    + " GROUP BY bank_code ORDER BY bank_code")) {
      while (rows.next()) {
        perBank.put(rows.getString(1), rows.getLong(2));
      }
    }
    return perBank;
  }

  /** Messages that repeat an earlier one: the same card event of the same type to the same bank. */
  private static long duplicateBankMessages() throws Exception {
    try (Connection connection = database();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) - count(DISTINCT (bank_code, card_id, card_sequence, message_type))"
                    + " FROM bank_gateway.bank_feed_message")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static Connection database() throws Exception {
    Map<String, String> environment = infra.serviceEnvironment();
    return DriverManager.getConnection(
        environment.get("SUITE_DB_URL"),
        environment.get("SUITE_DB_USER"),
        environment.getOrDefault("SUITE_DB_PASSWORD", ""));
  }

  // ------------------------------------------------------------------ HTTP

  private static HttpRequest.Builder request(
      String service, String path, String role, String actor) {
    return HttpRequest.newBuilder(URI.create(services.url(service) + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", TOKENS.authorization(role, actor))
        .header("X-Channel", "OPERATOR_CONSOLE");
  }

  private static HttpResponse<String> command(
      String path, String role, String actor, String channel, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(services.url("application-service") + path))
            .timeout(Duration.ofMinutes(1))
            .header("Content-Type", "application/json")
            .header("X-Channel", channel)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    // A factory's report arrives as card-production-service relays it (ADR 24).
    TOKENS.applicationServiceHeaders(role, actor).forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder operator(String service, String path) {
    return request(service, path, "OPERATOR", "rebuild-it");
  }

  private static HttpResponse<String> operatorPost(String service, String path) throws Exception {
    return HTTP.send(
        operator(service, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> operatorGet(String service, String path) throws Exception {
    return HTTP.send(operator(service, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String service, String path) throws Exception {
    return operatorGet(service, path);
  }

  private static JsonNode json(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body());
  }
}
