package cn.bj.hrss.card.smsgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.smsgateway.SmsGatewaySimulator.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway over real HTTP: credentials, one acceptance per message id, receipts, faults. */
class SmsGatewaySimulatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT = "【北京人社】您的社会保障卡已交邮寄送，快递单号EMS1234567890，请注意查收。";

  private final HttpClient http = HttpClient.newHttpClient();
  private SmsGatewaySimulator gateway;

  @BeforeEach
  void start() {
    gateway = SmsGatewaySimulator.start(Settings.defaults().withPort(0));
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private HttpResponse<String> send(String secret, String messageId, String text) throws Exception {
    String body =
        JSON.writeValueAsString(
            java.util.Map.of(
                "messageId",
                messageId,
                "mobile",
                "13800138000",
                "signature",
                "北京人社",
                "text",
                text));
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/sms/send"))
            .header("Authorization", basic(secret))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (SmsGatewaySimulator.DEFAULT_ACCOUNT + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(gateway.url() + path))
                    .header("Authorization", basic(SmsGatewaySimulator.DEFAULT_SECRET))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  @Test
  void a_message_sent_twice_with_one_id_is_accepted_and_delivered_once() throws Exception {
    HttpResponse<String> first = send(SmsGatewaySimulator.DEFAULT_SECRET, "m-1", TEXT);
    HttpResponse<String> again = send(SmsGatewaySimulator.DEFAULT_SECRET, "m-1", TEXT);

    assertEquals(200, first.statusCode());
    assertEquals(200, again.statusCode());
    assertTrue(JSON.readTree(again.body()).get("duplicate").asBoolean());
    assertEquals(1, gateway.received("13800138000").size());
    assertEquals(2, gateway.requests("13800138000").size());
    JsonNode receipts = get("/v1/sms/receipts?after=0").get("receipts");
    assertEquals(1, receipts.size());
    assertEquals("DELIVERED", receipts.get(0).get("status").asText());
    assertEquals(0, get("/v1/sms/receipts?after=1").get("receipts").size());
  }

  @Test
  void wrong_credentials_and_a_text_without_its_signature_are_refused() throws Exception {
    assertEquals(401, send("guess", "m-2", TEXT).statusCode());
    assertEquals(400, send(SmsGatewaySimulator.DEFAULT_SECRET, "m-3", "您的卡已寄出").statusCode());
    assertEquals(0, gateway.received(null).size());
    assertEquals(2, gateway.requests(null).size());
  }

  @Test
  void an_accepted_message_whose_answer_was_lost_is_recognised_when_retried() throws Exception {
    gateway.failNext("13800138000", 1, Fault.ACCEPT_THEN_FAIL);
    gateway.failNext("13800138000", 1, Fault.UNAVAILABLE);

    assertEquals(500, send(SmsGatewaySimulator.DEFAULT_SECRET, "m-4", TEXT).statusCode());
    assertEquals(503, send(SmsGatewaySimulator.DEFAULT_SECRET, "m-4", TEXT).statusCode());
    HttpResponse<String> retried = send(SmsGatewaySimulator.DEFAULT_SECRET, "m-4", TEXT);

    assertEquals(200, retried.statusCode());
    assertTrue(JSON.readTree(retried.body()).get("duplicate").asBoolean());
    assertEquals(1, gateway.received(null).size());
    assertEquals(3, get("/simulator/requests?mobile=13800138000").size());
  }
}
