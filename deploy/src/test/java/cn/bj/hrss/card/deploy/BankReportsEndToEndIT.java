package cn.bj.hrss.card.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.deploy.SuiteHttp.Answer;
import cn.bj.hrss.card.deploy.SuiteHttp.Caller;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.sample.SampleRegistry.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The banks' reports through bank-gateway-service to the real application-service (ADR 25), the
 * four services as processes against a real PostgreSQL and Kafka broker: a report is delivered once
 * and the card shows it; a report the card already shows is a duplicate; a report the aggregate
 * refuses comes back to the bank with the aggregate's own rule and message (R-BANK-6); a bank's
 * report on a card that is not its own is refused like a card that is not there, and changes
 * nothing. Each test has its own card.
 */
class BankReportsEndToEndIT {

  private static final String APPLICATION = "application-service";
  private static final String BANK_GATEWAY = "bank-gateway-service";
  private static final String ICBC_OUTLET = "工商银行北京朝阳门支行";
  private static final String CCB_OUTLET = "建设银行北京通州支行";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Generated insured persons in the registry: among them flexible workers, free to choose ICBC.
   */
  private static final int GENERATED = 20;

  private static SuiteTokens tokens;
  private static DrillSuite suite;
  private static SuiteHttp http;

  @BeforeAll
  static void startSuite() {
    tokens = SuiteTokens.startInTemporaryDirectory();
    suite = DrillSuite.start(tokens, "bank-reports-e2e-logs");
    SampleRegistry.loadInto(suite.url("application-service"), GENERATED, tokens.issuer());
    http = new SuiteHttp(suite::url);
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void a_handover_is_delivered_once_the_card_shows_it_and_a_repeat_is_a_duplicate()
      throws Exception {
    String card = dispatchedCard(SampleRegistry.RESIDENT, "I20000001", pickup());
    String reportId =
        expect(report("ICBC", card, "handover", Map.of("outletName", ICBC_OUTLET)), 202);
    assertEquals("APPLIED", settled("ICBC", reportId).path("state").asText());
    JsonNode view = card(card);
    assertEquals("COLLECTED", view.path("status").asText());
    assertEquals(List.of(reportId), correlations(view, "CardCollected"));

    // The same handover again under another reference: application-service refuses it (409
    // LIFECYCLE-ORDER), the card already shows it, so the bank reads DUPLICATE; nothing is added.
    String again =
        expect(
            report(
                "ICBC",
                card,
                "handover",
                Map.of("outletName", ICBC_OUTLET, "reference", "again-" + card)),
            202);
    JsonNode duplicate = settled("ICBC", again);
    assertEquals("DUPLICATE", duplicate.path("state").asText(), duplicate.toString());
    assertEquals(List.of(reportId), correlations(card(card), "CardCollected"));
  }

  @Test
  void r_bank_6_a_bank_change_the_aggregate_refuses_comes_back_with_its_rule_and_changes_nothing()
      throws Exception {
    // Not a retiree: application-service answers 409 R-BANK-6, and the card is not CCB's.
    Person flexibleWorker = SampleRegistry.GUARDIAN;
    String card = dispatchedCard(flexibleWorker, "I20000002", pickup());
    expect(report("ICBC", card, "handover", Map.of("outletName", ICBC_OUTLET)), 202);
    await().atMost(Duration.ofSeconds(60)).until(() -> "COLLECTED".equals(status(card)));
    int events = card(card).path("history").size();

    JsonNode refused = settled("CCB", bankChange("CCB", "I20000002", flexibleWorker, "change-1"));
    assertEquals("REFUSED", refused.path("state").asText(), refused.toString());
    assertEquals("R-BANK-6", refused.path("rule").asText());
    assertEquals("领卡后更换发卡银行适用于离退休人员。", refused.path("message").asText());
    assertFalse(refused.hasNonNull("cardId"), "the card is still ICBC's: " + refused);
    JsonNode view = card(card);
    assertEquals("ICBC", view.path("bankCode").asText());
    assertEquals(events, view.path("history").size());
  }

  @Test
  void r_bank_6_a_retirees_card_moves_only_once_it_is_in_the_holders_hands_and_only_once()
      throws Exception {
    Person retiree = SampleRegistry.RETIREE;
    String card = dispatchedCard(retiree, "I20000003", mail());

    // Still on its way: application-service answers 409 R-BANK-6, and the bank reads just that.
    JsonNode early = settled("CCB", bankChange("CCB", "I20000003", retiree, "early"));
    assertEquals("REFUSED", early.path("state").asText(), early.toString());
    assertEquals("R-BANK-6", early.path("rule").asText());
    assertEquals("领取第三代社保卡后方可更换银行。", early.path("message").asText());
    assertEquals("ICBC", card(card).path("bankCode").asText());

    String delivery = expect(report("ICBC", card, "delivery", Map.of("method", "MAIL")), 202);
    assertEquals("APPLIED", settled("ICBC", delivery).path("state").asText());
    assertEquals("DELIVERED", status(card));

    // Delivered: the change is applied, once, under the report's id.
    String first = bankChange("CCB", "I20000003", retiree, "first");
    Answer repeat = bankChangeAnswer("CCB", "I20000003", retiree, "second");
    JsonNode applied = settled("CCB", first);
    assertEquals("APPLIED", applied.path("state").asText(), applied.toString());
    assertEquals(card, applied.path("cardId").asText());
    JsonNode view = card(card);
    assertEquals("CCB", view.path("bankCode").asText());
    assertEquals(List.of(first), correlations(view, "IssuingBankChanged"));
    // The repeat: refused at once by bank-gateway-service when its view already has the card with
    // CCB (409 R-BANK-6), else sent, answered 400 R-BANK-6 by application-service, and found
    // already shown by the card (DUPLICATE). Either way the card moved once.
    if (repeat.status() == 202) {
      JsonNode second = settled("CCB", json(repeat).path("reportId").asText());
      assertEquals("DUPLICATE", second.path("state").asText(), second.toString());
    } else {
      assertEquals(409, repeat.status(), repeat.toString());
      assertEquals("R-BANK-6", json(repeat).path("rule").asText());
    }
    assertEquals(List.of(first), correlations(card(card), "IssuingBankChanged"));
  }

  @Test
  void a_bank_reporting_on_a_card_not_its_own_is_refused_like_no_card_and_changes_nothing()
      throws Exception {
    Person worker =
        SampleRegistry.generated(GENERATED, SampleRegistry.SEED).stream()
            .filter(person -> person.category().equals("FLEXIBLE_WORKER"))
            .findFirst()
            .orElseThrow();
    String card = dispatchedCard(worker, "I20000004", pickup());
    JsonNode before = card(card);
    long ccbReports = reportsOf("CCB");
    String noCard = UUID.randomUUID().toString();
    Map<String, Map<String, String>> reports = new LinkedHashMap<>();
    reports.put("handover", Map.of("outletName", CCB_OUTLET));
    reports.put("delivery", Map.of("method", "MAIL"));
    reports.put("social-function", Map.of());
    reports.put("financial-activation", Map.of("outletName", CCB_OUTLET));
    List<String> problems = new ArrayList<>();
    reports.forEach(
        (kind, body) -> {
          try {
            Answer onIcbcsCard = report("CCB", card, kind, body);
            Answer onNoCard = report("CCB", noCard, kind, body);
            if (onIcbcsCard.status() != 404 || !onIcbcsCard.sameAs(onNoCard)) {
              problems.add(kind + ": " + onIcbcsCard + ", for no card " + onNoCard);
            }
            // CCB naming ICBC in the path is not ICBC.
            Answer asIcbc = report("CCB", "ICBC", card, kind, body);
            if (asIcbc.status() < 400 || asIcbc.status() > 404) {
              problems.add(kind + " on ICBC's path: " + asIcbc);
            }
          } catch (Exception e) {
            problems.add(kind + ": " + e);
          }
        });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertEquals(ccbReports, reportsOf("CCB"));
    assertEquals(before.path("history"), card(card).path("history"));
    assertEquals("ICBC", card(card).path("bankCode").asText());
  }

  // ------------------------------------------------------------------ cards

  /** The person's card with ICBC, produced and dispatched as chosen, seen by ICBC's feed view. */
  private static String dispatchedCard(Person person, String cardNumber, Map<String, String> way)
      throws Exception {
    Map<String, Object> application = new LinkedHashMap<>();
    application.put(
        "applicant",
        Map.of(
            "idNumber",
            person.idNumber(),
            "name",
            person.name(),
            "mobile",
            person.mobile().isEmpty() ? "13900139000" : person.mobile()));
    application.put("bankCode", "ICBC");
    application.put("collection", way);
    Caller citizen = caller("CITIZEN", person.idNumber(), "JINGTONG_MINI_PROGRAM");
    String card =
        json(expectAnswer(
                http.call(APPLICATION, "POST", "/cards", citizen, write(application)), 201))
            .path("cardId")
            .asText();
    expectAnswer(
        http.call(
            APPLICATION,
            "POST",
            "/cards/" + card + "/production",
            operator(),
            write(Map.of("cardNumber", cardNumber))),
        200);
    Map<String, String> dispatch =
        "MAIL".equals(way.get("method"))
            ? Map.of("method", "MAIL", "trackingNumber", "EA123456785CN")
            : Map.of("method", "OUTLET_PICKUP", "outletName", ICBC_OUTLET);
    expectAnswer(
        http.call(APPLICATION, "POST", "/cards/" + card + "/dispatch", operator(), write(dispatch)),
        200);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "DISPATCHED"
                    .equals(
                        json(http.call(
                                BANK_GATEWAY,
                                "GET",
                                "/banks/ICBC/cards/" + card,
                                caller("BANK", "ICBC", null),
                                null))
                            .path("status")
                            .asText()));
    return card;
  }

  private static Map<String, String> mail() {
    return Map.of("method", "MAIL", "address", "北京市东城区东四十条68号");
  }

  private static Map<String, String> pickup() {
    return Map.of("method", "OUTLET_PICKUP", "outletName", ICBC_OUTLET);
  }

  /** The card as application-service knows it, read by an operator. */
  private static JsonNode card(String card) throws Exception {
    return json(
        expectAnswer(http.call(APPLICATION, "GET", "/cards/" + card, operator(), null), 200));
  }

  private static String status(String card) throws Exception {
    return card(card).path("status").asText();
  }

  /** The correlation ids of the card's events of this type, in order. */
  private static List<String> correlations(JsonNode card, String eventType) {
    List<String> ids = new ArrayList<>();
    for (JsonNode event : card.path("history")) {
      if (eventType.equals(event.path("eventType").asText())) {
        ids.add(event.path("correlationId").asText());
      }
    }
    return ids;
  }

  // ------------------------------------------------------------------ the banks' reports

  private static Answer report(String bank, String card, String kind, Map<String, String> body)
      throws Exception {
    return report(bank, bank, card, kind, body);
  }

  /** {@code bank} reports on {@code pathBank}'s path. */
  private static Answer report(
      String bank, String pathBank, String card, String kind, Map<String, String> body)
      throws Exception {
    return http.call(
        BANK_GATEWAY,
        "POST",
        "/banks/" + pathBank + "/cards/" + card + "/" + kind,
        caller("BANK", bank, null),
        write(body));
  }

  /** R-BANK-6 at the bank's outlet: the card named by its printed number and the holder's ID. */
  private static Answer bankChangeAnswer(
      String bank, String cardNumber, Person holder, String reference) throws Exception {
    return http.call(
        BANK_GATEWAY,
        "POST",
        "/banks/" + bank + "/bank-changes",
        caller("BANK", bank, null),
        write(
            Map.of(
                "cardNumber",
                cardNumber,
                "idNumber",
                holder.idNumber(),
                "outletName",
                CCB_OUTLET,
                "reference",
                reference + "-" + cardNumber)));
  }

  private static String bankChange(String bank, String cardNumber, Person holder, String reference)
      throws Exception {
    return expect(bankChangeAnswer(bank, cardNumber, holder, reference), 202);
  }

  /** The report as its bank reads it, once it is no longer PENDING. */
  private static JsonNode settled(String bank, String reportId) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                json(
                    expectAnswer(
                        http.call(
                            BANK_GATEWAY,
                            "GET",
                            "/banks/" + bank + "/reports/" + reportId,
                            caller("BANK", bank, null),
                            null),
                        200)),
            report -> !"PENDING".equals(report.path("state").asText()));
  }

  private static long reportsOf(String bank) throws Exception {
    return json(expectAnswer(
            http.call(
                BANK_GATEWAY,
                "GET",
                "/banks/" + bank + "/reports",
                caller("BANK", bank, null),
                null),
            200))
        .path("total")
        .asLong();
  }

  // ------------------------------------------------------------------ HTTP

  private static Caller caller(String role, String subject, String channel) {
    return new Caller(tokens.authorization(role, subject), channel);
  }

  private static Caller operator() {
    return caller("OPERATOR", "bank-reports-e2e", "OPERATOR_CONSOLE");
  }

  /** The answer's reportId, after checking its status. */
  private static String expect(Answer answer, int status) throws IOException {
    return json(expectAnswer(answer, status)).path("reportId").asText();
  }

  private static Answer expectAnswer(Answer answer, int status) {
    if (answer.status() != status) {
      throw new AssertionError("expected " + status + ", answered " + answer);
    }
    return answer;
  }

  private static JsonNode json(Answer answer) throws IOException {
    return JSON.readTree(answer.body());
  }

  private static String write(Object body) throws IOException {
    return JSON.writeValueAsString(body);
  }
}
