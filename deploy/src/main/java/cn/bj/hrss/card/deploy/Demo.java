package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.contract.event.Channel;
import cn.bj.hrss.card.contract.event.IdNumber;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Drives one card through its whole life over the REST API (apply; produce and dispatch to an
 * outlet, reported by the card bureau to card-production-service; collect, enable) and prints what
 * each of the three consumer services then knows of it.
 */
final class Demo {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FACTORY = "ICBC-card-bureau";

  /** The proxy who collects the retiree's card: an adult, not in the registry (she need not be). */
  private static final String PROXY_ID_NUMBER = IdNumber.withCheckCharacter("11010519750312004");

  private final ServiceProcesses services;
  private final SmsGatewaySimulator smsGateway;
  private final SuiteTokens tokens;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param smsGateway the simulator the local run started, or null when a real gateway is used
   */
  Demo(ServiceProcesses services, SmsGatewaySimulator smsGateway, SuiteTokens tokens) {
    this.services = services;
    this.smsGateway = smsGateway;
    this.tokens = tokens;
  }

  void run() throws Exception {
    String app = services.url("application-service");
    SampleRegistry.loadInto(app, 200, tokens.issuer());
    LocalSuite.say(
        "demo: sample registry loaded (6 named and 200 generated insured persons, one employer,"
            + " one university)");
    JsonNode accepted =
        post(
            app + "/cards",
            "CITIZEN",
            "11010519491231002X",
            Channel.JINGTONG_MINI_PROGRAM.name(),
            """
            {"applicant": {"idNumber": "11010519491231002X", "name": "王小明", "mobile": "13800138000"},
             "bankCode": "ICBC",
             "collection": {"method": "OUTLET_PICKUP", "outletName": "工商银行北京朝阳门支行"}}
            """);
    String cardId = accepted.get("cardId").asText();
    LocalSuite.say(
        "demo: card "
            + cardId
            + " requested by retiree 王小明 through the Jingtong mini-program, with his pension"
            + " bank ICBC (R-BANK-6)");
    String card = app + "/cards/" + cardId;
    // The card bureau reports to card-production-service, on the order assigned to it
    // (S-FACTORY-1), which relays each report to application-service (ADR 24).
    String factory =
        services.url("card-production-service") + "/factories/" + FACTORY + "/cards/" + cardId;
    awaitJson(services.url("card-production-service") + "/production-orders/" + cardId, n -> true);
    post(
        factory + "/produced",
        "CARD_FACTORY",
        FACTORY,
        Channel.CARD_FACTORY_API.name(),
        "{\"cardNumber\": \"A12345678\"}");
    awaitJson(card, n -> "PRODUCED".equals(n.path("status").asText()));
    LocalSuite.say(
        "demo: produced by the ICBC card bureau, its report relayed by card-production-service");
    post(
        factory + "/dispatches",
        "CARD_FACTORY",
        FACTORY,
        Channel.CARD_FACTORY_API.name(),
        "{\"method\": \"OUTLET_PICKUP\", \"outletName\": \"工商银行北京朝阳门支行\"}");
    awaitJson(card, n -> "DISPATCHED".equals(n.path("status").asText()));
    LocalSuite.say("demo: sent to the outlet for pickup");
    // S-PROXY-1: his daughter collects it for him (代领) with his written authorisation, which the
    // outlet checks and keeps; the event carries her masked and the authorisation's number.
    post(
        card + "/collection",
        "BANK",
        "ICBC",
        Channel.BANK_OUTLET.name(),
        """
        {"outletName": "工商银行北京朝阳门支行",
         "proxy": {"name": "王丽", "idNumber": "%s"},
         "authorisation": "SQ20250001"}
        """
            .formatted(PROXY_ID_NUMBER));
    LocalSuite.say(
        "demo: collected at the outlet by a proxy (代领, S-PROXY-1) with his written authorisation");
    JsonNode enabled =
        post(card + "/social-function", "BANK", "ICBC", Channel.BANK_OUTLET.name(), "{}");
    LocalSuite.say("demo: social-security function enabled; the old card is now invalid");

    show("application-service  " + card, enabled);
    show(
        "card-production-service",
        awaitJson(
            services.url("card-production-service") + "/production-orders/" + cardId,
            n -> "HANDED_OVER".equals(n.path("status").asText())));
    show(
        "bank-gateway-service",
        awaitJson(
            services.url("bank-gateway-service") + "/banks/ICBC/cards/" + cardId,
            "ICBC",
            n -> "ACTIVE".equals(n.path("status").asText())));
    show(
        "notification-service",
        awaitJson(
            services.url("notification-service") + "/notifications/cards/" + cardId,
            n -> n.size() == 4));

    if (smsGateway != null) {
      await(() -> smsGateway.received(SampleRegistry.RETIREE.mobile()).size() >= 4);
      LocalSuite.say("");
      LocalSuite.say("== what the SMS gateway received for 王小明's phone (138****8000)");
      smsGateway
          .received(SampleRegistry.RETIREE.mobile())
          .forEach(m -> LocalSuite.say("  " + m.get("text")));
    }

    JsonNode collective =
        post(
            app + "/cards",
            "EMPLOYER",
            SampleRegistry.EMPLOYER,
            Channel.EMPLOYER_COLLECTIVE.name(),
            """
            {"applicant": {"idNumber": "%s", "name": "李建国", "mobile": "13700001111"},
             "bankCode": "CCB",
             "collection": {"method": "DOOR_TO_DOOR", "address": "北京市朝阳区建国路1号"}}
            """
                .formatted(SampleRegistry.EMPLOYEE.idNumber()));
    LocalSuite.say("");
    LocalSuite.say(
        "demo: employer "
            + SampleRegistry.EMPLOYER
            + " applied collectively for its employee 李建国 with CCB, one of its three banks"
            + " (R-BANK-2), door-to-door delivery (R-PICK-4): card "
            + collective.get("cardId").asText());
    // S-CHANGE-1: before the card is produced, the employer changes the delivery address.
    post(
        app + "/cards/" + collective.get("cardId").asText() + "/application-change",
        "EMPLOYER",
        SampleRegistry.EMPLOYER,
        Channel.EMPLOYER_COLLECTIVE.name(),
        """
        {"collection": {"method": "DOOR_TO_DOOR", "address": "北京市朝阳区建国路88号"}}
        """);
    LocalSuite.say(
        "demo: before production the employer changed the delivery address (S-CHANGE-1); the"
            + " production order and CCB's feed follow");
    show(
        "application-service  " + app + "/cards/" + collective.get("cardId").asText(),
        awaitJson(app + "/cards/" + collective.get("cardId").asText(), n -> true));
    show(
        "bank-gateway-service (CCB's view of the changed application)",
        awaitJson(
            services.url("bank-gateway-service")
                + "/banks/CCB/cards/"
                + collective.get("cardId").asText(),
            "CCB",
            n -> "北京市朝阳区建国路88号".equals(n.path("address").asText())));
    showDeadline(app, collective.get("cardId").asText());
  }

  /**
   * The card's due date as its holder sees it (provisional while its year's notice is not loaded,
   * ADR 19), and how many production orders have no due date at all (issue 17: none should).
   */
  private void showDeadline(String app, String cardId) throws Exception {
    JsonNode progress = awaitJson(app + "/cards/" + cardId + "/progress", n -> true);
    LocalSuite.say(
        "demo: due date "
            + progress.path("dueDate").asText()
            + " ("
            + progress.path("dueRule").asText()
            + ", counted on "
            + progress.path("calendarVersion").asText()
            + ")"
            + (progress.path("dueDateProvisional").asBoolean()
                ? ": " + progress.path("dueNote").asText()
                : ""));
    String production = services.url("card-production-service") + "/production-orders";
    awaitJson(production + "/" + cardId, n -> true);
    JsonNode summary = awaitJson(production + "/summary", n -> true);
    LocalSuite.say(
        "demo: production orders without a due date: "
            + summary.path("totals").path("deadlineUnknown").asLong());
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
  }

  private JsonNode post(String url, String role, String actorId, String channel, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Authorization", tokens.authorization(role, actorId))
            .header("X-Channel", channel)
            .header("X-Correlation-Id", UUID.randomUUID().toString())
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Polls {@code url} as an operator. */
  private JsonNode awaitJson(String url, Predicate<JsonNode> done) throws Exception {
    return awaitJson(url, null, done);
  }

  /** Polls {@code url}, as {@code bank} when not null, else as an operator. */
  private JsonNode awaitJson(String url, String bank, Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response =
          http.send(
              withBank(HttpRequest.newBuilder(URI.create(url)), bank)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (done.test(last)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " did not catch up within 30 s; last answer: " + last);
  }

  private HttpRequest.Builder withBank(HttpRequest.Builder request, String bank) {
    String token =
        bank == null ? tokens.token("operator", "operator-demo") : tokens.token("bank", bank);
    return request
        .header("Authorization", "Bearer " + token)
        .header("X-Channel", Channel.OPERATOR_CONSOLE.name());
  }

  private static void show(String title, JsonNode view) throws IOException {
    LocalSuite.say("");
    LocalSuite.say("== " + title);
    LocalSuite.say(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(view));
  }
}
