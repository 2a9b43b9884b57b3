package cn.bj.hrss.card.notification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.infra.DevTokens;
import cn.bj.hrss.card.infra.MalformedInputSweep;
import cn.bj.hrss.card.infra.MalformedInputSweep.Caller;
import cn.bj.hrss.card.infra.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.notification.support.SmsGatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, sent malformed bodies and odd parameters by a caller it
 * lets in: never a 500, every refusal a document with a rule and a readable message.
 */
@QuarkusTest
@WithTestResource(SmsGatewayTestResource.class)
@WithTestResource(SuiteInfrastructureTestResource.class)
class MalformedInputSweepTest {

  @TestHTTPResource("/")
  URL root;

  private static Caller caller(String role, String subject) {
    return new Caller(
        role, Map.of("Authorization", "Bearer " + DevTokens.shared().token(role, subject)));
  }

  @Test
  void no_malformed_input_gets_a_500_or_an_answer_without_a_problem_document() throws Exception {
    List<Caller> callers =
        List.of(
            caller(Roles.CARD_FACTORY, "factory-1"),
            caller(Roles.BANK, "ICBC"),
            caller(Roles.OPERATOR, "op-1"),
            caller(Roles.AUDITOR, "auditor-1"),
            new Caller(
                "citizen",
                Map.of(
                    "Authorization",
                    "Bearer " + DevTokens.shared().citizen("11010519491231002X"))));
    MalformedInputSweep.Result result =
        new MalformedInputSweep(
                root.toURI().resolve("/"), callers, operation -> operation.contains("rebuild"))
            .run();
    System.out.println("sweep: " + result.requests() + " requests");
    result.findings().forEach(f -> System.out.println("sweep finding: " + f));
    assertTrue(result.requests() > 20, "the sweep sent " + result.requests() + " requests");
    assertEquals(List.of(), result.findings());
  }
}
