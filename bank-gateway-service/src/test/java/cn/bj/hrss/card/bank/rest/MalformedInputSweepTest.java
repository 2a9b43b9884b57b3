package cn.bj.hrss.card.bank.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.support.BankGatewayTestResources;
import cn.bj.hrss.card.infra.MalformedInputSweep;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, sent malformed bodies and odd parameters by a caller it
 * lets in: never a 500, every refusal a document with a rule and a readable message.
 */
@QuarkusTest
@WithTestResource(BankGatewayTestResources.class)
class MalformedInputSweepTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void no_malformed_input_gets_a_500_or_an_answer_without_a_problem_document() throws Exception {
    MalformedInputSweep.Result result =
        MalformedInputSweep.sweepAsEveryRole(root.toURI().resolve("/"));
    assertTrue(result.requests() > 20, "the sweep sent " + result.requests() + " requests");
    assertEquals(List.of(), result.findings());
  }
}
