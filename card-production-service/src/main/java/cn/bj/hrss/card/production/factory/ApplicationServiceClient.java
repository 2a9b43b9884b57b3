package cn.bj.hrss.card.production.factory;

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
 * application-service's card commands, as the card factory calls them: role CARD_FACTORY, the
 * factory's id as actor, channel CARD_FACTORY_API, and the report id as correlation id, so that the
 * event a report causes names the report.
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
   * @throws IOException when no answer came (application-service down, slow beyond the timeout)
   */
  public Answer send(FactoryReport report) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    switch (ReportKind.valueOf(report.kind())) {
      case PRODUCED -> body.put("cardNumber", report.cardNumber());
      case PRODUCTION_FAILED -> body.put("reason", report.reason());
      case DISPATCHED -> {
        body.put("method", report.method());
        if (report.trackingNumber() != null) {
          body.put("trackingNumber", report.trackingNumber());
        }
        if (report.outletName() != null) {
          body.put("outletName", report.outletName());
        }
      }
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                cardUri(report.cardId(), ReportKind.valueOf(report.kind()).commandPath()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Actor-Role", "CARD_FACTORY")
            .header("X-Actor-Id", report.factoryId())
            .header("X-Channel", "CARD_FACTORY_API")
            .header("X-Correlation-Id", report.reportId())
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return answer(request);
  }

  /** Reads the card as application-service knows it: status, card number, history. */
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
      body = JSON.createObjectNode().put("detail", response.body());
    }
    return new Answer(response.statusCode(), body);
  }
}
