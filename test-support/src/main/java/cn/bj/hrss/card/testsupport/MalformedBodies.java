package cn.bj.hrss.card.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The malformed request bodies the sweep sends, from an operation's schema in the OpenAPI document.
 */
final class MalformedBodies {

  private static final String HUGE_STRING = "x".repeat(1024 * 1024);

  private MalformedBodies() {}

  /**
   * Malformed bodies for an operation whose request has {@code schema}: broken JSON, wrong types.
   */
  static List<String> bodies(JsonNode openApi, JsonNode schema) {
    List<String> bodies = new ArrayList<>();
    bodies.add("{\"a\": ");
    bodies.add("{\"a\": \"b\"");
    bodies.add("not json at all");
    bodies.add("[]");
    bodies.add("[{}]");
    bodies.add("\"a string\"");
    bodies.add("12345678901234567890123456789012345678901234567890");
    bodies.add("null");
    bodies.add("");
    bodies.add("{\"unknownFieldOfTheSweep\": 1, \"__proto__\": {\"a\": 1}}");
    bodies.add("[".repeat(5000) + "]".repeat(5000));
    bodies.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
    bodies.add("{\"a\": \"\\uD800\", \"b\": \"\u0000\"}");
    Map<String, JsonNode> properties = properties(openApi, schema);
    boolean hugeSent = false;
    for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
      String name = property.getKey();
      String type = property.getValue().path("type").asText("object");
      List<String> wrong =
          switch (type) {
            case "string" -> List.of("123", "{}", "[\"a\"]", "true");
            case "integer", "number" ->
                List.of("\"abc\"", "{}", "1e400", "123456789012345678901234567890");
            case "boolean" -> List.of("\"maybe\"", "{}", "2");
            case "array" -> List.of("\"a\"", "{}", "[[[]]]");
            default -> List.of("\"a\"", "123", "[]");
          };
      for (String value : wrong) {
        bodies.add(object(name, value));
      }
      if (property.getValue().has("enum")) {
        bodies.add(object(name, "\"NOT_ONE_OF_THEM\""));
      }
      if (type.equals("string") && !hugeSent) {
        bodies.add(object(name, "\"" + HUGE_STRING + "\""));
        hugeSent = true;
      }
    }
    return bodies;
  }

  private static String object(String name, String value) {
    return "{\"" + name + "\": " + value + "}";
  }

  private static Map<String, JsonNode> properties(JsonNode openApi, JsonNode schema) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(e -> properties.put(e.getKey(), resolve(openApi, e.getValue())));
    return properties;
  }

  static JsonNode firstSchema(JsonNode content) {
    JsonNode json = content.path("application/json");
    return (json.isMissingNode() ? content.elements().next() : json).path("schema");
  }

  static JsonNode resolve(JsonNode openApi, JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 5 && current.has("$ref"); i++) {
      String ref = current.get("$ref").asText();
      current = openApi.at(ref.substring(1));
    }
    if (current.has("allOf") && current.get("allOf").size() == 1) {
      return resolve(openApi, current.get("allOf").get(0));
    }
    return current;
  }
}
