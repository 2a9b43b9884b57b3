package cn.bj.hrss.card.application.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ADR 41: refusal's ApiDocumentFilter runs once, when the build writes the document, and the
 * running service serves that document. What {@code /q/openapi} serves is therefore the filter's
 * document: one security scheme, {@code bearer} (Quarkus adds none of its own), and every operation
 * with the filter's 401 and 403 refusals and its token requirement.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class ServedApiDocumentTest {

  @Test
  void the_served_document_is_the_one_the_filter_completed_at_build_time() throws Exception {
    JsonNode document =
        new ObjectMapper()
            .readTree(
                given()
                    .auth()
                    .oauth2(DevTokens.shared().token(Roles.OPERATOR, "op-openapi"))
                    .get("/q/openapi?format=json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());

    List<String> schemes = new ArrayList<>();
    document.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
    assertEquals(List.of("bearer"), schemes, "the served document's security schemes");

    int operations = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (!method.getValue().has("responses")) {
          continue; // a path's own parameters, not an operation
        }
        String where = method.getKey() + " " + path.getKey();
        JsonNode responses = method.getValue().path("responses");
        assertTrue(responses.has("401"), where + " documents 401");
        assertTrue(
            responses.path("403").path("content").path("application/problem+json").has("examples"),
            where + " documents 403 with the refusal document's example");
        assertEquals(
            "bearer",
            method.getValue().path("security").path(0).fieldNames().next(),
            where + " needs the bearer token");
        operations++;
      }
    }
    assertTrue(operations > 30, "the document lists the service's operations: " + operations);
  }
}
