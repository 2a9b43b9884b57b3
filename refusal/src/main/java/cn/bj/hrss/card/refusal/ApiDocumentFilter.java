package cn.bj.hrss.card.refusal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation of every service's OpenAPI document says alike (issue 21 item 6, ADR 36),
 * applied in every service that has Quarkus' OpenAPI extension ({@link OpenApiFilter}), once, when
 * the build writes the document; {@code /q/openapi} serves that document (ADR 41):
 *
 * <ul>
 *   <li>it needs a signed token ({@code bearer}, ADR 16): every path the document lists does, only
 *       {@code /q/health} is open and it is not in the document;
 *   <li>its refusals are the one refusal document ({@link ApiError}, {@code
 *       application/problem+json}, ADR 27), with an example each: 401 (no valid token), 403 {@code
 *       ACCESS-DENIED}; 400 {@code INPUT-MALFORMED} when it takes a body or a parameter; 404 {@code
 *       NOT-FOUND} ("not there or not yours", the same answer) when a parameter in its path names
 *       something it reads or acts on (every method but PUT, which creates or replaces);
 *   <li>its request body has an example per media type: the service's own, from {@value
 *       #REQUEST_EXAMPLES} on its class path (operationId, then media type, then the example). An
 *       example for an operation the document does not have fails the build.
 *   <li>409 where the service says an operation may be refused for the state of what it acts on:
 *       {@value #CONFLICTS} on its class path names those operations ({@code operations}), what the
 *       answer means ({@code description}) and the refusals it shares, each an example ({@code
 *       examples}: rule, message, detail as the code gives them). An operation it names that the
 *       document does not have fails the build.
 * </ul>
 *
 * A refusal an operation declares itself ({@code @APIResponse}, for example 409 with its rule) is
 * kept; 401 and 403 are always this filter's, so that they read the same in every service.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

  static final String SCHEME = "bearer";
  static final String REFUSAL = "ApiError";
  static final String REQUEST_EXAMPLES = "openapi/request-examples.json";
  static final String CONFLICTS = "openapi/conflicts.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode requestExamples;
  private final JsonNode conflicts;

  /** The filter as Quarkus makes it: the service's request examples and conflicts. */
  public ApiDocumentFilter() {
    this(read(REQUEST_EXAMPLES), read(CONFLICTS));
  }

  ApiDocumentFilter(JsonNode requestExamples) {
    this(requestExamples, JSON.createObjectNode());
  }

  ApiDocumentFilter(JsonNode requestExamples, JsonNode conflicts) {
    this.requestExamples = requestExamples;
    this.conflicts = conflicts;
  }

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Components components = openApi.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openApi.setComponents(components);
    }
    components.setSecuritySchemes(Map.of(SCHEME, bearerScheme()));
    components.addSchema(REFUSAL, refusalSchema());
    Set<String> unused = new TreeSet<>();
    requestExamples.fieldNames().forEachRemaining(unused::add);
    Set<String> conflicting = new TreeSet<>();
    conflicts.path("operations").forEach(id -> conflicting.add(id.asText()));
    APIResponse conflict = conflicting.isEmpty() ? null : conflictAnswer();
    if (openApi.getPaths() != null) {
      for (PathItem item : openApi.getPaths().getPathItems().values()) {
        for (var entry : item.getOperations().entrySet()) {
          boolean put = entry.getKey() == PathItem.HttpMethod.PUT;
          Operation operation = entry.getValue();
          complete(operation, item.getParameters(), put);
          addRequestExamples(operation);
          if (operation.getOperationId() != null) {
            unused.remove(operation.getOperationId());
            if (conflicting.remove(operation.getOperationId())) {
              putIfAbsent(operation.getResponses(), "409", conflict);
            }
          }
        }
      }
    }
    if (!unused.isEmpty()) {
      throw new IllegalStateException(
          REQUEST_EXAMPLES + " has examples for operations the document does not have: " + unused);
    }
    if (!conflicting.isEmpty()) {
      throw new IllegalStateException(
          CONFLICTS + " names operations the document does not have: " + conflicting);
    }
  }

  /** The 409 answer of {@value #CONFLICTS}: its description and one example per refusal. */
  private APIResponse conflictAnswer() {
    List<ApiError> examples = new ArrayList<>();
    for (JsonNode example : conflicts.path("examples")) {
      examples.add(
          new ApiError(
                  example.path("rule").asText(),
                  example.path("message").asText(),
                  example.path("detail").asText())
              .withStatus(409));
    }
    return refusal(conflicts.path("description").asText(), examples.toArray(ApiError[]::new));
  }

  private void addRequestExamples(Operation operation) {
    RequestBody body = operation.getRequestBody();
    if (body == null || body.getContent() == null) {
      return;
    }
    JsonNode examples = requestExamples.path(String.valueOf(operation.getOperationId()));
    for (var media : body.getContent().getMediaTypes().entrySet()) {
      JsonNode example = examples.path(media.getKey());
      if (!example.isMissingNode()) {
        media.getValue().setExample(JSON.convertValue(example, Object.class));
      }
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      return in == null ? JSON.createObjectNode() : JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " cannot be read", e);
    }
  }

  private static void complete(Operation operation, List<Parameter> shared, boolean put) {
    operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    responses.addAPIResponse(
        "401",
        OASFactory.createAPIResponse()
            .description(
                "No valid token: none, not signed by the issuer, not for this service (aud), expired"
                    + " or older than the maximum age (ADR 16, 21)."));
    responses.addAPIResponse(
        "403",
        refusal(
            "Not for this caller's role (ADR 16).",
            new ApiError("ACCESS-DENIED", "您无权办理或查询此项业务。", "not for this caller").withStatus(403)));
    List<Parameter> parameters = new ArrayList<>();
    if (shared != null) {
      parameters.addAll(shared);
    }
    if (operation.getParameters() != null) {
      parameters.addAll(operation.getParameters());
    }
    if (operation.getRequestBody() != null || !parameters.isEmpty()) {
      putIfAbsent(
          responses,
          "400",
          refusal(
              "The request is malformed: a body that cannot be read, a value of the wrong form, a"
                  + " control character, or a rule of the request's own content (the rule id and"
                  + " field say which).",
              RefusalMappers.MALFORMED.withStatus(400)));
    }
    boolean pathParameter = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    if (pathParameter && !put) {
      putIfAbsent(
          responses,
          "404",
          refusal(
              "Not there, or not this caller's: both are answered alike, so the answer reveals"
                  + " nothing (ADR 22).",
              ApiError.NOT_FOUND.withStatus(404)));
    }
  }

  private static void putIfAbsent(APIResponses responses, String status, APIResponse response) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, response);
    }
  }

  /** A refusal answer: the one refusal document, with these examples. */
  static APIResponse refusal(String description, ApiError... examples) {
    var media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REFUSAL));
    for (ApiError example : examples) {
      media.addExample(example.rule(), OASFactory.createExample().value(membersOf(example)));
    }
    return OASFactory.createAPIResponse()
        .description(description)
        .content(OASFactory.createContent().addMediaType(ApiError.MEDIA_TYPE, media));
  }

  private static SecurityScheme bearerScheme() {
    return OASFactory.createSecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(
            "A JWT signed by the suite's issuer with one role (citizen, employer, university,"
                + " community, bank, card-factory, operator, auditor), this service in aud, and iat"
                + " at most SUITE_JWT_MAX_AGE_SECONDS old (ADR 16, 21).");
  }

  /** {@link ApiError}'s members, each a string but the status. */
  static Schema refusalSchema() {
    Schema schema =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.OBJECT)
            .description(
                "The one refusal document of every service (RFC 9457, ADR 27): rule is the rule id,"
                    + " message what a citizen reads (Chinese), detail what an operator reads"
                    + " (English), field the request field at fault. Null members are left out.");
    for (RecordComponent member : ApiError.class.getRecordComponents()) {
      Schema.SchemaType type =
          member.getType() == Integer.class ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING;
      schema.addProperty(member.getName(), OASFactory.createSchema().addType(type));
    }
    return schema;
  }

  /** The example's members, in the record's order, without the null ones. */
  static Map<String, Object> membersOf(ApiError error) {
    Map<String, Object> members = new LinkedHashMap<>();
    for (RecordComponent member : ApiError.class.getRecordComponents()) {
      try {
        Object value = member.getAccessor().invoke(error);
        if (value != null) {
          members.put(member.getName(), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return members;
  }
}
