package cn.bj.hrss.card.production.factory;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.production.TestCallers;
import cn.bj.hrss.card.testsupport.RawHttp;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 4: a factory's tracking number is a carrier's code (the contract's TrackingNumber),
 * refused here before it is stored, so free text never travels on towards the holder's SMS; and
 * issue 16 item 7: a body over 64 KiB is refused unread, the batch file alone excepted.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class TrackingNumberIntakeTest {

  private static void nothingStoredFor(String cardId) {
    TestCallers.operator()
        .queryParam("cardId", cardId)
        .get("/factory-reports")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void R_PICK_3_a_tracking_number_in_no_carriers_format_is_refused_and_nothing_is_stored() {
    String cardId = UUID.randomUUID().toString();
    for (String text : new String[] {"EMS1234567890", "请致电01012345678取件", "SF12"}) {
      TestCallers.factory("ICBC-card-bureau")
          .contentType(ContentType.JSON)
          .body("{\"method\":\"MAIL\",\"trackingNumber\":\"" + text + "\"}")
          .post("/factories/ICBC-card-bureau/cards/{c}/dispatches", cardId)
          .then()
          .statusCode(400)
          .body("rule", equalTo("R-PICK-3"));
    }
    nothingStoredFor(cardId);
  }

  @TestHTTPResource("/")
  URL root;

  /** Sends the headers alone: a service that read the announced body first would wait for it. */
  private String statusLineOfHeadersAlone(String head) throws IOException {
    return RawHttp.statusLineOfHeadAlone(root, head);
  }

  @Test
  void a_report_over_64_KiB_is_refused_before_it_is_read_and_nothing_is_stored()
      throws IOException {
    String cardId = UUID.randomUUID().toString();

    String status =
        statusLineOfHeadersAlone(
            "POST /factories/ICBC-card-bureau/cards/"
                + cardId
                + "/dispatches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + DevTokens.shared().token(Roles.CARD_FACTORY, "ICBC-card-bureau")
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (64 * 1024 + 1)
                + "\r\n\r\n");

    assertTrue(status.startsWith("HTTP/1.1 413"), status);
    nothingStoredFor(cardId);
  }
}
