package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.infra.LocalPostgres;
import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Everything in a running suite that an attack could change, read the way its owners and auditors
 * read it: the events of each card in application-service's store (schema {@code application}),
 * each projection's applied position per card ({@code /projection/positions}), card-production-
 * service's production orders and factory reports, every bank's feed (as that bank reads it) and
 * bank-gateway-service's bank reports, notification-service's messages of each card, and every text
 * the SMS gateway accepted. A snapshot is a sorted map of one line per thing, so that two of them
 * compare line by line; the cards and mobiles of honest commands made meanwhile (the markers) are
 * left out.
 */
final class SuiteState {

  /** The fifteen cooperating banks, each with its own feed. */
  static final List<String> BANKS =
      List.of(
          "ICBC", "ABC", "BOC", "CCB", "BOCOM", "BOB", "HXB", "BJRCB", "CITIC", "CEB", "CMBC",
          "CGB", "CMB", "SPDB", "PSBC");

  private static final List<String> CONSUMERS =
      List.of("card-production-service", "bank-gateway-service", "notification-service");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Function<String, String> serviceUrl;
  private final SuiteTokens tokens;
  private final SmsGatewaySimulator smsGateway;
  private final LocalPostgres postgres;

  SuiteState(
      Function<String, String> serviceUrl,
      SuiteTokens tokens,
      SmsGatewaySimulator smsGateway,
      LocalPostgres postgres) {
    this.serviceUrl = serviceUrl;
    this.tokens = tokens;
    this.smsGateway = smsGateway;
    this.postgres = postgres;
  }

  /**
   * The suite as it is now, without the lines of {@code ignoredCards} and {@code ignoredMobiles}.
   */
  SortedMap<String, String> take(Set<String> ignoredCards, Set<String> ignoredMobiles)
      throws Exception {
    SortedMap<String, String> lines = new TreeMap<>();
    Map<String, Long> events = eventsPerCard();
    events.forEach((card, count) -> lines.put("events " + card, Long.toString(count)));
    for (String service : CONSUMERS) {
      for (String row : get(service, "/projection/positions", auditor()).split("\n")) {
        String[] cells = row.split(",");
        if (cells.length == 2 && !cells[0].equals("cardId")) {
          lines.put("position " + service + " " + cells[0], cells[1].trim());
        }
      }
    }
    for (JsonNode order :
        json(get("card-production-service", "/production-orders?limit=500", auditor()))
            .path("orders")) {
      ObjectNode stable = order.deepCopy();
      stable.remove("overdue"); // counted against today, not changed by any command
      lines.put("order " + order.path("cardId").asText(), stable.toString());
    }
    for (JsonNode report :
        json(get("card-production-service", "/factory-reports?limit=500", auditor()))
            .path("reports")) {
      lines.put(
          "factory-report "
              + report.path("cardId").asText()
              + " "
              + report.path("reportId").asText(),
          report.path("factoryId").asText()
              + " "
              + report.path("kind").asText()
              + " "
              + report.path("state").asText());
    }
    for (JsonNode report :
        json(get("bank-gateway-service", "/bank-reports?limit=500", auditor())).path("reports")) {
      lines.put(
          "bank-report " + report.path("cardId").asText() + " " + report.path("reportId").asText(),
          report.path("bankCode").asText()
              + " "
              + report.path("kind").asText()
              + " "
              + report.path("state").asText());
    }
    for (String bank : BANKS) {
      Map<String, List<String>> perCard = new TreeMap<>();
      for (JsonNode message :
          json(get("bank-gateway-service", "/banks/" + bank + "/feed?from=1&limit=500", bank(bank)))
              .path("messages")) {
        perCard
            .computeIfAbsent(message.path("cardId").asText(), card -> new ArrayList<>())
            .add(message.path("position").asText() + ":" + message.path("messageType").asText());
      }
      perCard.forEach(
          (card, messages) -> lines.put("feed " + bank + " " + card, messages.toString()));
    }
    for (String card : events.keySet()) {
      List<String> messages = new ArrayList<>();
      for (JsonNode message :
          json(get("notification-service", "/notifications/cards/" + card, auditor()))) {
        String status = message.path("status").asText();
        messages.add(
            message.path("eventId").asText()
                + " "
                + message.path("template").asText()
                + " "
                // Sent, then delivered: the gateway's receipts come when they come.
                + ("BLOCKED".equals(status) ? "BLOCKED" : "NOT-BLOCKED")
                + " "
                + message.path("body").asText());
      }
      if (!messages.isEmpty()) {
        lines.put("notifications " + card, String.join(" | ", messages));
      }
    }
    Map<String, List<String>> texts = new TreeMap<>();
    for (Map<String, Object> text : smsGateway.received(null)) {
      texts
          .computeIfAbsent(String.valueOf(text.get("mobile")), mobile -> new ArrayList<>())
          .add(String.valueOf(text.get("text")));
    }
    texts.forEach((mobile, received) -> lines.put("sms " + mobile, String.join(" | ", received)));
    lines
        .keySet()
        .removeIf(
            key ->
                ignoredCards.stream().anyMatch(key::contains)
                    || ignoredMobiles.stream().anyMatch(key::contains));
    return lines;
  }

  /** How many texts notification-service has recorded but not yet handed to the SMS gateway. */
  long textsWaiting() throws Exception {
    long waiting = 0;
    for (String card : eventsPerCard().keySet()) {
      for (JsonNode message :
          json(get("notification-service", "/notifications/cards/" + card, auditor()))) {
        if ("QUEUED".equals(message.path("status").asText())) {
          waiting++;
        }
      }
    }
    return waiting;
  }

  /** What differs between two snapshots, line by line ("key: before -> after"). */
  static List<String> changes(SortedMap<String, String> before, SortedMap<String, String> after) {
    List<String> changes = new ArrayList<>();
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      String was = before.get(key);
      String is = after.get(key);
      if (was == null || !was.equals(is)) {
        changes.add(key + ": " + shown(was) + " -> " + shown(is));
      }
    }
    return changes;
  }

  private static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    return value.length() <= 600 ? value : value.substring(0, 600) + "...";
  }

  private Map<String, Long> eventsPerCard() throws SQLException {
    Map<String, Long> events = new TreeMap<>();
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT aggregate_identifier, count(*) FROM application.domain_event_entry"
                    + " GROUP BY aggregate_identifier")) {
      while (row.next()) {
        events.put(row.getString(1), row.getLong(2));
      }
    }
    return events;
  }

  private String auditor() {
    return tokens.authorization("AUDITOR", "attacker-suite-snapshot");
  }

  private String bank(String code) {
    return tokens.authorization("BANK", code);
  }

  private String get(String service, String path, String authorization)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(serviceUrl.apply(service) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          service + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }

  private static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }
}
