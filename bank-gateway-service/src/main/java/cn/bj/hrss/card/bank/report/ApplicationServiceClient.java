package cn.bj.hrss.card.bank.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * application-service's card commands, as a bank calls them: role BANK, the bank code as actor, the
 * report's channel, and the report id as correlation id, so that the event a report causes names
 * the report.
 */
@ApplicationScoped
public class ApplicationServiceClient {

  /** An HTTP answer: its status and its JSON body (an empty object when there was none). */
  public record Answer(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final Duration timeout;
  private final HttpClient http;

  ApplicationServiceClient(
      @ConfigProperty(name = "application-service.url") String baseUrl,
      @ConfigProperty(name = "application-service.timeout") Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Sends the report as its command.
   *
   * @throws IOException when no answer came (application-service down, or slower than the timeout)
   */
  public Answer send(BankReport report) throws IOException, InterruptedException {
    ReportKind kind = ReportKind.valueOf(report.kind());
    HttpRequest request =
        HttpRequest.newBuilder(cardUri(report.cardId(), kind.commandPath()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Actor-Role", "BANK")
            .header("X-Actor-Id", report.bankCode())
            .header("X-Channel", report.channel())
            .header("X-Correlation-Id", report.reportId())
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body(report, kind))))
            .build();
    return answer(request);
  }

  static ObjectNode body(BankReport report, ReportKind kind) {
    ObjectNode body = JSON.createObjectNode();
    switch (kind) {
      case HANDED_OVER -> body.put("outletName", report.outletName());
      case DELIVERED -> body.put("method", report.method());
      case FINANCIAL_ACTIVATED -> {
        body.put("bankCode", report.bankCode());
        if (report.outletName() != null) {
          body.put("outletName", report.outletName());
        }
      }
      case SOCIAL_ENABLED -> {}
      case BANK_CHANGED -> body.put("bankCode", report.bankCode());
    }
    return body;
  }

  /** Reads the card as application-service knows it: status, bank, history. */
  public Answer card(String cardId) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(cardUri(cardId, null))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    return answer(request);
  }

  private URI cardUri(String cardId, String command) {
    String path = "/cards/" + URLEncoder.encode(cardId, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(baseUrl + path + (command == null ? "" : "/" + command));
  }

  private Answer answer(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body =
          response.body() == null || response.body().isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.createObjectNode().put("detail", "an answer that is not JSON");
    }
    return new Answer(response.statusCode(), body);
  }
}
