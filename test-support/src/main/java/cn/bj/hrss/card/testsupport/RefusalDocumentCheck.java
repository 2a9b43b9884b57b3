package cn.bj.hrss.card.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an answer is the suite's one refusal document (ADR 27), for the malformed-input sweep.
 */
final class RefusalDocumentCheck {

  /** The members of the one refusal document (ADR 27); {@code field} may be left out. */
  static final Set<String> DOCUMENT_MEMBERS =
      Set.of("type", "title", "status", "detail", "rule", "message", "field");

  static final String DOCUMENT_MEDIA_TYPE = "application/problem+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RefusalDocumentCheck() {}

  /**
   * Why an answer is not the suite's one refusal document (ADR 27), or null if it is: its media
   * type, exactly its members, the rule's URN as type, the answer's status, a Chinese message.
   */
  public static String notTheRefusalDocument(int status, String contentType, String body) {
    if (!contentType.startsWith(DOCUMENT_MEDIA_TYPE)) {
      return "not " + DOCUMENT_MEDIA_TYPE + " but '" + contentType + "'";
    }
    JsonNode document;
    try {
      document = JSON.readTree(body);
    } catch (IOException e) {
      return "not JSON";
    }
    if (document == null || !document.isObject()) {
      return "not a JSON object";
    }
    Set<String> members = new TreeSet<>();
    document.fieldNames().forEachRemaining(members::add);
    if (!DOCUMENT_MEMBERS.containsAll(members)) {
      members.removeAll(DOCUMENT_MEMBERS);
      return "with members not of the refusal document " + members;
    }
    String rule = document.path("rule").asText("");
    if (rule.isBlank()) {
      return "without a rule";
    }
    if (!document.path("type").asText("").equals("urn:bj-hrss-card:rule:" + rule)) {
      return "whose type is not the rule's URN";
    }
    if (document.path("title").asText("").isBlank()
        || document.path("detail").asText("").isBlank()) {
      return "without a title or a detail";
    }
    if (document.path("status").asInt(-1) != status) {
      return "whose status is not the answer's";
    }
    if (!document.path("message").asText("").codePoints().anyMatch(RefusalDocumentCheck::isHan)) {
      return "without a message in Chinese";
    }
    return null;
  }

  private static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }
}
