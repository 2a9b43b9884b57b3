package cn.bj.hrss.card.relay;

import cn.bj.hrss.card.identity.ServiceToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * application-service's card commands over HTTP: {@code POST /cards/{id}/{command}} with a JSON
 * body and the caller's headers, and {@code GET /cards/{id}} (status and history) to tell whether a
 * command was already applied. Plain Java; {@link CommandDelivery} uses it.
 */
public final class CommandClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final Duration timeout;
  private final ServiceToken token;
  private final HttpClient http;

  /**
   * @param token this service's own token (role bank-gateway-service or card-production-service),
   *     sent with every request; application-service then lets it act for the bank or factory the
   *     {@link Caller} names, and only as one
   */
  public CommandClient(String baseUrl, Duration timeout, ServiceToken token) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** A new, empty JSON object for a command's body. */
  public static ObjectNode newBody() {
    return JSON.createObjectNode();
  }

  /**
   * Sends one command of a card.
   *
   * @param commandPath the command's path under the card, e.g. {@code production}
   * @throws IOException when no answer came (application-service down, or slower than the timeout)
   */
  public Answer send(String cardId, String commandPath, Caller caller, ObjectNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        as(caller, HttpRequest.newBuilder(cardUri(cardId, commandPath)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    return answer(request.build());
  }

  /** Reads the card as application-service knows it: status, history and the rest of its view. */
  public Answer card(String cardId, Caller caller) throws IOException, InterruptedException {
    return answer(as(caller, HttpRequest.newBuilder(cardUri(cardId, null))).GET().build());
  }

  private HttpRequest.Builder as(Caller caller, HttpRequest.Builder request) {
    token.authorization().ifPresent(value -> request.header("Authorization", value));
    return request
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("X-Actor-Role", caller.role())
        .header("X-Actor-Id", caller.actorId())
        .header("X-Channel", caller.channel())
        .header("X-Correlation-Id", caller.correlationId());
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
      // Not application-service's API answering (a proxy, an error page): the status is what
      // counts, and the body, which may hold anything, is not kept (ADR 25).
      body = JSON.createObjectNode().put("detail", "an answer that is not JSON");
    }
    return new Answer(response.statusCode(), body);
  }
}
