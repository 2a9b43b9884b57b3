package cn.bj.hrss.card.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.EventTypes.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml, the AsyncAPI 3 document of the suite's topics, against this module (issue 21
 * item 6, ADR 36): every event type and version of {@link EventTypes} (written today or superseded)
 * is a message of the card-lifecycle channel and no other is; each topic of {@link Topics} is a
 * channel; and every golden sample (each event type and version, the overdue alert, the calendar,
 * each bank feed message type of bank-gateway-service) is valid against its message's schema.
 * Redocly lints the document's structure (deploy's ApiDocumentsLintTest).
 */
class AsyncApiDocumentTest {

  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DOCUMENT = read(HOME.resolve("docs/asyncapi.yaml"));

  @Test
  void every_event_type_and_version_of_the_contract_is_a_message_of_the_card_lifecycle_channel() {
    JsonNode channel = channelAt(Topics.CARD_LIFECYCLE);
    Set<String> contract = new TreeSet<>();
    for (EventType type : contractTypes()) {
      contract.add(messageName(type));
    }
    Set<String> inChannel = new TreeSet<>();
    channel.path("messages").fieldNames().forEachRemaining(inChannel::add);
    Set<String> missing = new TreeSet<>(contract);
    missing.removeAll(inChannel);
    Set<String> unknown = new TreeSet<>(inChannel);
    unknown.removeAll(contract);
    assertEquals(Set.of(), missing, "event types and versions of EventTypes without a message");
    assertEquals(Set.of(), unknown, "messages of card-lifecycle.v1 that EventTypes does not have");
    for (String name : contract) {
      assertTrue(
          DOCUMENT.path("components").path("messages").has(name),
          name + " is not in components.messages");
    }
  }

  @Test
  void every_topic_of_the_suite_is_a_channel() {
    for (String topic :
        List.of(
            Topics.CARD_LIFECYCLE,
            Topics.PRODUCTION_ALERTS,
            Topics.OFFICIAL_CALENDAR,
            "bank.{bankCode}.cards.v1",
            "{group}.dead-letters.v1")) {
      channelAt(topic);
    }
  }

  @Test
  void every_golden_sample_is_valid_against_its_message_schema() throws IOException {
    List<String> findings = new ArrayList<>();
    for (EventType type : contractTypes()) {
      findings.addAll(check(messageName(type), GoldenSamples.json(type), messageName(type)));
    }
    findings.addAll(
        check("ProductionOverdue.v1", GoldenSamples.productionOverdueJson(), "ProductionOverdue"));
    findings.addAll(
        check(
            "OfficialCalendarYearLoaded.v1",
            Files.readString(
                HOME.resolve(
                    "event-contract/src/main/resources/golden/calendar/v1/"
                        + "OfficialCalendarYearLoaded.json")),
            "OfficialCalendarYearLoaded"));
    Path bankFeed = HOME.resolve("bank-gateway-service/src/test/resources/bank-feed/v1");
    int bankSamples = 0;
    try (Stream<Path> samples = Files.list(bankFeed)) {
      for (Path sample : samples.sorted().toList()) {
        bankSamples++;
        findings.addAll(check("BankMessage.v1", Files.readString(sample), sample.toString()));
      }
    }
    assertTrue(bankSamples > 15, "bank feed samples read: " + bankSamples);
    assertEquals(List.of(), findings, "golden samples that do not match docs/asyncapi.yaml");
  }

  /**
   * A sample checked against a message's payload schema, its references resolved in the document.
   */
  private static List<String> check(String message, String sample, String what) throws IOException {
    JsonNode payload = DOCUMENT.path("components").path("messages").path(message).path("payload");
    if (payload.isMissingNode()) {
      return List.of(what + ": no message " + message);
    }
    ObjectNode schema = DOCUMENT.deepCopy();
    schema.put("$ref", "#/components/messages/" + message + "/payload");
    Set<ValidationMessage> errors =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(schema)
            .validate(JSON.readTree(sample));
    return errors.stream().map(e -> what + ": " + e.getMessage()).toList();
  }

  private static JsonNode channelAt(String address) {
    for (JsonNode channel : DOCUMENT.path("channels")) {
      if (address.equals(channel.path("address").asText())) {
        return channel;
      }
    }
    throw new AssertionError("docs/asyncapi.yaml has no channel with address " + address);
  }

  private static List<EventType> contractTypes() {
    List<EventType> types = new ArrayList<>(EventTypes.ALL);
    types.addAll(EventTypes.SUPERSEDED);
    return types;
  }

  private static String messageName(EventType type) {
    return type.name() + ".v" + type.version();
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(file + " cannot be read", e);
    }
  }
}
