package cn.bj.hrss.card.application.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 7: a caller's correlation id is an id, never text that reaches an event, a log or
 * a spreadsheet; and every cell of the audit CSV is one a spreadsheet will not run.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class CsvAndCorrelationIdTest {

  private static final String APPLICATION =
      "{\"applicant\": {\"idNumber\": \"%s\", \"name\": \"钱审计\", \"mobile\": \"13800138921\"},"
          + " \"bankCode\": \"ICBC\", \"collection\": {\"method\": \"OUTLET_PICKUP\","
          + " \"outletName\": \"工商银行北京朝阳门支行\"}}";

  @Test
  void a_correlation_id_that_is_not_an_id_is_refused_and_nothing_is_recorded() {
    String idNumber = SampleRegistry.id("110101", 1981, 6, 6, 921);
    Callers.operator()
        .contentType("text/csv; charset=UTF-8")
        .body(
            "id_number,name,category,district_code,organisation_id,pension_bank_code\n"
                + idNumber
                + ",钱审计,URBAN_RURAL_RESIDENT,110101,,\n")
        .post("/insured-persons/import")
        .then()
        .statusCode(200);
    for (String bad :
        new String[] {
          "=HYPERLINK(\"http://x.cn\",\"点击\")", "a,b", "line\nbreak", "x".repeat(129)
        }) {
      Callers.citizen(idNumber)
          .header("X-Correlation-Id", bad.replace("\n", "%0A"))
          .body(APPLICATION.formatted(idNumber))
          .post("/cards")
          .then()
          .statusCode(400)
          .body("rule", equalTo("INPUT-CORRELATION-ID"));
    }
    // Nothing was applied for: the person's first real application is a new card (201).
    String cardId =
        Callers.citizen(idNumber)
            .header("X-Correlation-Id", "mini-program:req-7.1")
            .body(APPLICATION.formatted(idNumber))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    String csv =
        Callers.auditor()
            .accept("text/csv")
            .get("/audit/cards/{id}", cardId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertTrue(csv.contains(",mini-program:req-7.1"), csv);
  }

  @Test
  void a_cell_a_spreadsheet_would_run_gets_an_apostrophe_and_others_stay_as_they_are() {
    assertEquals("'=1+1", CsvCells.safe("=1+1"));
    assertEquals("'+86 10", CsvCells.safe("+86 10"));
    assertEquals("'-2+3", CsvCells.safe("-2+3"));
    assertEquals("'@SUM(A1)", CsvCells.safe("@SUM(A1)"));
    assertEquals("'\tx", CsvCells.safe("\tx"));
    assertEquals("corr-apply", CsvCells.safe("corr-apply"));
    assertEquals("", CsvCells.safe(""));
  }
}
