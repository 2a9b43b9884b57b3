package cn.bj.hrss.card.refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The one refusal document as it goes on the wire (ADR 27). */
class ApiErrorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void an_answer_names_the_rule_as_type_and_carries_the_status_and_the_field() throws Exception {
    assertEquals(
        "{\"type\":\"urn:bj-hrss-card:rule:INPUT-ID-NUMBER\",\"title\":\"The request is not"
            + " valid\",\"status\":400,\"detail\":\"not a valid ID number\","
            + "\"rule\":\"INPUT-ID-NUMBER\",\"message\":\"身份证号码有误。\","
            + "\"field\":\"applicant.idNumber\"}",
        JSON.writeValueAsString(
            ApiError.of(
                400,
                "INPUT-ID-NUMBER",
                "身份证号码有误。",
                "not a valid ID number",
                "applicant.idNumber")));
  }

  @Test
  void a_refusal_thrown_before_its_status_gets_the_status_it_is_answered_with() throws Exception {
    Refusal refusal = Refusal.conflict("R-BANK-6", "所选银行即当前发卡银行。", "already with this bank");
    assertEquals(
        "{\"type\":\"urn:bj-hrss-card:rule:R-BANK-6\",\"title\":\"Not allowed by the rules in the"
            + " card's or the applicant's situation\",\"status\":409,"
            + "\"detail\":\"already with this bank\",\"rule\":\"R-BANK-6\","
            + "\"message\":\"所选银行即当前发卡银行。\"}",
        JSON.writeValueAsString(refusal.error().withStatus(refusal.status())));
  }

  @Test
  void a_refusal_carried_in_a_batch_line_has_no_status() throws Exception {
    assertEquals(
        "{\"type\":\"urn:bj-hrss-card:rule:NOT-FOUND\",\"detail\":\"not found\","
            + "\"rule\":\"NOT-FOUND\",\"message\":\"未找到。\"}",
        JSON.writeValueAsString(ApiError.NOT_FOUND));
  }
}
