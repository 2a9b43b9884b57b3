package cn.bj.hrss.card.application.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.testsupport.TokenEdges;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 7: this service takes only tokens for itself (aud), none issued for longer than
 * the maximum age, and shows its metrics and OpenAPI document to operators and auditors alone.
 */
@QuarkusTest
@WithTestResource(cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource.class)
class TokenEdgesTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void another_services_token_an_overlong_token_and_a_non_staff_caller_of_metrics_are_refused()
      throws Exception {
    assertEquals(
        List.of(), TokenEdges.check(root.toURI(), "application-service", "/calendar/years/2026"));
  }
}
