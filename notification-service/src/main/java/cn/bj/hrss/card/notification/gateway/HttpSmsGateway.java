package cn.bj.hrss.card.notification.gateway;

import cn.bj.hrss.card.notification.config.SmsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway adapter over HTTP (protocol in partner-simulators/README.md): {@code POST
 * /v1/sms/send} with the message id, {@code GET /v1/sms/receipts?after=N}, both with HTTP Basic
 * credentials from {@code sms.gateway.*}. 2xx is acceptance; 400, 404, 413 and 422 are a refusal
 * for good; anything else (5xx, 429, 401/403 while credentials are being fixed, no connection) is
 * "try again".
 */
@ApplicationScoped
public class HttpSmsGateway implements SmsGateway {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  HttpSmsGateway(SmsConfig config) {
    String url = config.gateway().url();
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (config.gateway().account() + ":" + config.gateway().secret())
                        .getBytes(StandardCharsets.UTF_8));
    this.timeout = config.gateway().timeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public SendResult send(OutgoingSms sms) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("messageId", sms.messageId());
    body.put("mobile", sms.mobile());
    body.put("signature", sms.signature());
    body.put("text", sms.text());
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(base.resolve("v1/sms/send"))
                  .timeout(timeout)
                  .header("Authorization", authorization)
                  .header("Content-Type", "application/json; charset=utf-8")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new TryAgain("gateway unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TryAgain("interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        JsonNode answer = JSON.readTree(response.body());
        return new Accepted(
            answer.path("gatewayMessageId").asText(null), answer.path("duplicate").asBoolean());
      } catch (IOException e) {
        return new Accepted(null, false);
      }
    }
    String reason = "gateway answered " + status + ": " + abbreviate(response.body());
    return switch (status) {
      case 400, 404, 413, 422 -> new Refused(reason);
      default -> new TryAgain(reason);
    };
  }

  @Override
  public List<Receipt> receiptsAfter(long afterSeq) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("v1/sms/receipts?after=" + afterSeq + "&limit=200"))
                .timeout(timeout)
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException("gateway answered " + response.statusCode() + " for receipts");
    }
    List<Receipt> receipts = new ArrayList<>();
    for (JsonNode r : JSON.readTree(response.body()).path("receipts")) {
      receipts.add(
          new Receipt(
              r.path("seq").asLong(),
              r.path("messageId").asText(),
              r.path("gatewayMessageId").asText(null),
              r.path("status").asText(),
              Instant.parse(r.path("reportedAt").asText())));
    }
    return receipts;
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
