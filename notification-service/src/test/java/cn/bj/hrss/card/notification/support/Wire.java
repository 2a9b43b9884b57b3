package cn.bj.hrss.card.notification.support;

import cn.bj.hrss.card.notification.TestCallers;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** What went over the wire: asked of the gateway simulator itself, over HTTP. */
public final class Wire {

  private Wire() {}

  private static String gateway() {
    return ConfigProvider.getConfig().getValue("sms.gateway.url", String.class);
  }

  /** The texts the gateway accepted for {@code mobile}, once per message id, in arrival order. */
  public static List<String> textsReceivedBy(String mobile) {
    return TestCallers.operator()
        .baseUri(gateway())
        .queryParam("mobile", mobile)
        .get("/simulator/received")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("text", String.class);
  }

  /** Every send request for {@code mobile} as it came, retries included. */
  public static List<Map<String, Object>> requestsFor(String mobile) {
    return TestCallers.operator()
        .baseUri(gateway())
        .queryParam("mobile", mobile)
        .get("/simulator/requests")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  /** The next {@code times} sends to {@code mobile} fail: UNAVAILABLE or ACCEPT_THEN_FAIL. */
  public static void failNext(String mobile, int times, String fault) {
    TestCallers.operator()
        .baseUri(gateway())
        .contentType(ContentType.JSON)
        .body(Map.of("mobile", mobile, "times", times, "fault", fault))
        .post("/simulator/faults")
        .then()
        .statusCode(204);
  }

  /** Messages to {@code mobile} get an UNDELIVERED receipt. */
  public static void unreachable(String mobile) {
    TestCallers.operator()
        .baseUri(gateway())
        .contentType(ContentType.JSON)
        .body(Map.of("mobile", mobile))
        .post("/simulator/unreachable")
        .then()
        .statusCode(204);
  }
}
