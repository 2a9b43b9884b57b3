package cn.bj.hrss.card.refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;

/** ADR 36: what the filter adds to every operation, on a document of three operations. */
class ApiDocumentFilterTest {

  private final Operation read = operation().addParameter(parameter("cardId", Parameter.In.PATH));
  private final Operation replace =
      operation()
          .addParameter(parameter("code", Parameter.In.PATH))
          .requestBody(OASFactory.createRequestBody());
  private final Operation command =
      operation()
          .requestBody(OASFactory.createRequestBody())
          .responses(
              OASFactory.createAPIResponses()
                  .addAPIResponse("200", OASFactory.createAPIResponse().description("OK"))
                  .addAPIResponse("409", OASFactory.createAPIResponse().description("R-LOSS-2")));
  private final Operation noInput = operation();

  private OpenAPI filtered() {
    return filtered(new ApiDocumentFilter(JsonNodeFactory.instance.objectNode()));
  }

  private OpenAPI filtered(ApiDocumentFilter filter) {
    OpenAPI document =
        OASFactory.createOpenAPI()
            .paths(
                OASFactory.createPaths()
                    .addPathItem("/cards/{cardId}", OASFactory.createPathItem().GET(read))
                    .addPathItem("/banks/{code}", OASFactory.createPathItem().PUT(replace))
                    .addPathItem("/cards", OASFactory.createPathItem().POST(command))
                    .addPathItem("/me/cards", OASFactory.createPathItem().GET(noInput)));
    filter.filterOpenAPI(document);
    return document;
  }

  @Test
  void every_operation_needs_the_bearer_token_and_may_be_refused_401_and_403() {
    OpenAPI document = filtered();
    assertEquals(
        SecurityScheme.Type.HTTP,
        document.getComponents().getSecuritySchemes().get("bearer").getType());
    for (Operation operation : List.of(read, replace, command, noInput)) {
      assertEquals(1, operation.getSecurity().size());
      assertTrue(operation.getSecurity().get(0).hasScheme("bearer"));
      assertTrue(operation.getResponses().hasAPIResponse("401"));
      assertEquals("ACCESS-DENIED", example(operation.getResponses(), "403").get("rule"));
    }
  }

  @Test
  void input_may_be_refused_400_and_a_path_parameter_404_but_on_put() {
    filtered();
    assertEquals("INPUT-MALFORMED", example(read.getResponses(), "400").get("rule"));
    assertEquals("NOT-FOUND", example(read.getResponses(), "404").get("rule"));
    assertEquals(404, example(read.getResponses(), "404").get("status"));
    assertTrue(replace.getResponses().hasAPIResponse("400"));
    assertFalse(replace.getResponses().hasAPIResponse("404"), "PUT creates or replaces");
    assertFalse(noInput.getResponses().hasAPIResponse("400"));
    assertFalse(noInput.getResponses().hasAPIResponse("404"));
  }

  @Test
  void an_answer_the_operation_declares_itself_is_kept() {
    filtered();
    assertEquals("R-LOSS-2", command.getResponses().getAPIResponse("409").getDescription());
    assertTrue(command.getResponses().hasAPIResponse("400"));
  }

  @Test
  void the_refusal_schema_has_the_members_of_the_refusal_document() {
    var schema = filtered().getComponents().getSchemas().get("ApiError");
    assertEquals(
        List.of("type", "title", "status", "detail", "rule", "message", "field"),
        List.copyOf(schema.getProperties().keySet()));
    assertEquals(
        List.of(Schema.SchemaType.INTEGER), schema.getProperties().get("status").getType());
  }

  @Test
  void a_request_body_gets_the_services_example_for_its_operation_and_media_type()
      throws Exception {
    command.operationId("submit");
    command
        .getRequestBody()
        .content(
            OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()));
    filtered(
        new ApiDocumentFilter(
            new ObjectMapper()
                .readTree("{\"submit\": {\"application/json\": {\"bankCode\": \"ICBC\"}}}")));
    assertEquals(
        Map.of("bankCode", "ICBC"),
        command.getRequestBody().getContent().getMediaType("application/json").getExample());
  }

  @Test
  void an_example_for_an_operation_the_document_does_not_have_fails() throws Exception {
    ApiDocumentFilter stale =
        new ApiDocumentFilter(new ObjectMapper().readTree("{\"renamed\": {}}"));
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> filtered(stale));
    assertTrue(failure.getMessage().contains("[renamed]"), failure.getMessage());
  }

  @Test
  void the_operations_the_service_names_may_be_refused_409_with_each_shared_example()
      throws Exception {
    read.operationId("read");
    command.operationId("submit");
    replace.operationId("putBank");
    filtered(
        new ApiDocumentFilter(
            JsonNodeFactory.instance.objectNode(),
            new ObjectMapper()
                .readTree(
                    """
                    {"description": "Refused for the card's state.",
                     "operations": ["read", "submit"],
                     "examples": [
                       {"rule": "LIFECYCLE-ORDER", "message": "当前卡片状态为“已受理”，不能办理此项业务。",
                        "detail": "it must be PRODUCED"},
                       {"rule": "S-END-1", "message": "该卡已注销。", "detail": "cancelled"}]}
                    """)));
    var conflict = read.getResponses().getAPIResponse("409");
    assertEquals("Refused for the card's state.", conflict.getDescription());
    var examples = conflict.getContent().getMediaType(ApiError.MEDIA_TYPE).getExamples();
    assertEquals(List.of("LIFECYCLE-ORDER", "S-END-1"), List.copyOf(examples.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> ended = (Map<String, Object>) examples.get("S-END-1").getValue();
    assertEquals(409, ended.get("status"));
    assertEquals("urn:bj-hrss-card:rule:S-END-1", ended.get("type"));
    assertEquals("该卡已注销。", ended.get("message"));
    assertEquals("cancelled", ended.get("detail"));
    assertEquals(
        "R-LOSS-2",
        command.getResponses().getAPIResponse("409").getDescription(),
        "the operation's own 409 is kept");
    assertFalse(replace.getResponses().hasAPIResponse("409"), "an operation not named");
    assertFalse(noInput.getResponses().hasAPIResponse("409"));
  }

  @Test
  void a_conflict_named_for_an_operation_the_document_does_not_have_fails() throws Exception {
    ApiDocumentFilter stale =
        new ApiDocumentFilter(
            JsonNodeFactory.instance.objectNode(),
            new ObjectMapper().readTree("{\"operations\": [\"renamed\"], \"examples\": []}"));
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> filtered(stale));
    assertTrue(failure.getMessage().contains("conflicts.json"), failure.getMessage());
    assertTrue(failure.getMessage().contains("[renamed]"), failure.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> example(APIResponses responses, String status) {
    var media = responses.getAPIResponse(status).getContent().getMediaType(ApiError.MEDIA_TYPE);
    assertNotNull(media, status + " has no " + ApiError.MEDIA_TYPE);
    assertEquals("#/components/schemas/ApiError", media.getSchema().getRef());
    return (Map<String, Object>) media.getExamples().values().iterator().next().getValue();
  }

  private static Operation operation() {
    return OASFactory.createOperation();
  }

  private static Parameter parameter(String name, Parameter.In in) {
    return OASFactory.createParameter().name(name).in(in);
  }
}
