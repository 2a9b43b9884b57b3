package cn.bj.hrss.card.production.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.testsupport.MalformedInputSweep;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document (the rebuild named as skipped), sent malformed bodies and
 * odd parameters by a caller it lets in: never a 500, every refusal the suite's one refusal
 * document (ADR 27), and no operation left out.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class MalformedInputSweepTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void every_operation_answers_malformed_input_with_the_one_refusal_document() throws Exception {
    MalformedInputSweep.Result result =
        MalformedInputSweep.sweepAsEveryRole(root.toURI().resolve("/"));
    assertEquals(List.of(), result.findings());
  }
}
