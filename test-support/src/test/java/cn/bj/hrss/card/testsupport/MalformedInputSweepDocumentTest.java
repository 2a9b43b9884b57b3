package cn.bj.hrss.card.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The sweep tells the one refusal document (ADR 27) from the shapes the services had before. */
class MalformedInputSweepDocumentTest {

  private static final String PROBLEM = "application/problem+json";

  @Test
  void the_one_refusal_document_passes_with_or_without_a_field() {
    assertNull(
        RefusalDocumentCheck.notTheRefusalDocument(
            400,
            PROBLEM,
            "{\"type\":\"urn:bj-hrss-card:rule:INPUT-MALFORMED\",\"title\":\"The request is not"
                + " valid\",\"status\":400,\"detail\":\"not JSON\",\"rule\":\"INPUT-MALFORMED\","
                + "\"message\":\"请求格式有误。\",\"field\":\"applicant.idNumber\"}"));
    assertNull(
        RefusalDocumentCheck.notTheRefusalDocument(
            413,
            PROBLEM + "; charset=UTF-8",
            "{\"type\":\"urn:bj-hrss-card:rule:INPUT-TOO-LARGE\",\"title\":\"The request is too"
                + " large\",\"status\":413,\"detail\":\"at most 65536 bytes\",\"rule\":"
                + "\"INPUT-TOO-LARGE\",\"message\":\"请求内容过长。\"}"));
  }

  @Test
  void the_consuming_services_former_rule_message_detail_shape_is_refused() {
    assertEquals(
        "not application/problem+json but 'application/json'",
        RefusalDocumentCheck.notTheRefusalDocument(
            404,
            "application/json",
            "{\"rule\":\"NOT-FOUND\",\"message\":\"未找到。\",\"detail\":\"not found\"}"));
    assertEquals(
        "whose type is not the rule's URN",
        RefusalDocumentCheck.notTheRefusalDocument(
            404,
            PROBLEM,
            "{\"rule\":\"NOT-FOUND\",\"message\":\"未找到。\",\"detail\":\"not found\"}"));
  }

  @Test
  void a_document_with_other_members_the_wrong_status_or_no_chinese_message_is_refused() {
    String deadLetter =
        "{\"type\":\"about:blank\",\"title\":\"没有该死信。\",\"status\":404,"
            + "\"rule\":\"DEAD-LETTER-UNKNOWN\",\"extra\":1}";
    assertEquals(
        "with members not of the refusal document [extra]",
        RefusalDocumentCheck.notTheRefusalDocument(404, PROBLEM, deadLetter));
    String document =
        "{\"type\":\"urn:bj-hrss-card:rule:R-1\",\"title\":\"t\",\"status\":409,\"detail\":\"d\","
            + "\"rule\":\"R-1\",\"message\":\"%s\"}";
    assertEquals(
        "whose status is not the answer's",
        RefusalDocumentCheck.notTheRefusalDocument(400, PROBLEM, document.formatted("不能办理。")));
    assertEquals(
        "without a message in Chinese",
        RefusalDocumentCheck.notTheRefusalDocument(409, PROBLEM, document.formatted("refused")));
  }
}
