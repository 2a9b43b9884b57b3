package cn.bj.hrss.card.application.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.RawHttp;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 7: a small global body limit (64 KiB), the registry import alone larger and read as
 * a stream. A request that announces a larger body is answered 413 before its body is read (the
 * test sends only the headers, and the answer comes at once); one without a length (chunked) is
 * refused 411, so that no endpoint but the import reads an unbounded body. Nothing is recorded.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class BodyLimitTest {

  @TestHTTPResource("/")
  URL root;

  /** The status line of {@code head} sent alone ({@link RawHttp#statusLineOfHeadAlone}). */
  private String statusLine(String head) throws IOException {
    return RawHttp.statusLineOfHeadAlone(root, head);
  }

  private static String headers(String path, String token, String length) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + token
        + "\r\nX-Channel: BUREAU_WEBSITE\r\nContent-Type: application/json\r\n"
        + length
        + "\r\n";
  }

  private static final java.util.concurrent.atomic.AtomicInteger NEXT =
      new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 300));

  /** A retiree new to the registry, with no application yet. */
  private static String newRetiree() {
    String idNumber = SampleRegistry.id("110106", 1953, 8, 9, 100 + NEXT.incrementAndGet());
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
                + idNumber
                + ",李测试,RETIREE,110106,,ICBC\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(1));
    return idNumber;
  }

  private static String application(String idNumber) {
    return """
        {"applicant": {"idNumber": "%s", "name": "李测试", "mobile": "13512345678"},
         "bankCode": "ICBC", "collection": {"method": "MAIL", "address": "北京市东城区测试街1号"}}
        """
        .formatted(idNumber);
  }

  @Test
  void an_application_announced_larger_than_64_KiB_is_refused_413_before_it_is_read()
      throws IOException {
    String idNumber = newRetiree();
    long start = System.nanoTime();

    String status =
        statusLine(
            headers("/cards", Callers.token("CITIZEN", idNumber), "Content-Length: 104857600\r\n"));

    assertTrue(status.startsWith("HTTP/1.1 413"), status);
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "answered without waiting for 100 MB");
    // Nothing was recorded: the person's first application is new.
    Callers.citizen(idNumber)
        .body(application(idNumber))
        .post("/cards")
        .then()
        .statusCode(201)
        .body("existing", equalTo(false));
  }

  @Test
  void a_command_just_over_64_KiB_is_refused_413_and_changes_nothing() throws IOException {
    String cardId = appliedCard();

    String status =
        statusLine(productionReportHead(cardId, "Content-Length: " + (64 * 1024 + 1) + "\r\n"));

    assertTrue(status.startsWith("HTTP/1.1 413"), status);
    Callers.operator()
        .get("/cards/{id}", cardId)
        .then()
        .body("status", equalTo("REQUESTED"))
        .body("version", equalTo(0));
  }

  @Test
  void a_body_without_a_length_is_refused_411_outside_the_registry_import() throws IOException {
    String cardId = appliedCard();

    String status = statusLine(productionReportHead(cardId, "Transfer-Encoding: chunked\r\n"));

    assertTrue(status.startsWith("HTTP/1.1 411"), status);
    Callers.operator()
        .get("/cards/{id}", cardId)
        .then()
        .body("status", equalTo("REQUESTED"))
        .body("version", equalTo(0));
  }

  @Test
  void the_registry_import_takes_a_file_larger_than_64_KiB() {
    StringBuilder csv =
        new StringBuilder(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n");
    int rows = 0;
    while (csv.length() <= 96 * 1024) {
      csv.append(SampleRegistry.id("110108", 1961, 3, rows / 900 + 1, rows % 900 + 100))
          .append(",孙测试,URBAN_RURAL_RESIDENT,110108,,\n");
      rows++;
    }

    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(csv.toString())
        .post("/insured-persons/import")
        .then()
        .statusCode(200)
        .body("rowsApplied", equalTo(rows))
        .body("rowsRejected", equalTo(0));
  }

  /** A new retiree's card, applied for online and not produced yet. */
  private static String appliedCard() {
    String idNumber = newRetiree();
    return Callers.citizen(idNumber)
        .body(application(idNumber))
        .post("/cards")
        .then()
        .statusCode(201)
        .extract()
        .path("cardId");
  }

  /**
   * The head of a production report on {@code cardId} as card-production-service relays it, ending
   * with {@code bodyHeader} (how the body is announced) and no body.
   */
  private static String productionReportHead(String cardId, String bodyHeader) {
    return "POST /cards/"
        + cardId
        + "/production HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + DevTokens.shared().token(Roles.CARD_PRODUCTION_SERVICE, "card-production-service")
        + "\r\nX-Actor-Role: CARD_FACTORY\r\nX-Actor-Id: ICBC-card-bureau"
        + "\r\nX-Channel: CARD_FACTORY_API\r\nContent-Type: application/json\r\n"
        + bodyHeader
        + "\r\n";
  }
}
