package cn.bj.hrss.card.application.axon;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.application.audit.EventChain;
import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import cn.bj.hrss.card.testsupport.TopicProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, point 6: a CardRequested stored at version 1 by an older build (a row written straight
 * into domain_event_entry, as that build wrote it) still sources the card, reads in its history and
 * is published at the current version (3 since issue 17) with the application date derived from its
 * timestamp.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class UpcastingStoredEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The version CardRequested is written and read at today (3 since issue 17). */
  private static final int CURRENT = EventTypes.require(CardRequested.class).version();

  /** 16:30 UTC on 2 March 2025 is 00:30 on 3 March in Beijing: the application date. */
  private static final Instant RECORDED = Instant.parse("2025-03-02T16:30:00Z");

  private static final LocalDate BEIJING_DAY = LocalDate.parse("2025-03-03");

  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  private final ContractEventSerializer serializer = new ContractEventSerializer();

  private static RequestSpecification as(String role, String channel) {
    return Callers.as(role, role.toLowerCase() + "-6", channel);
  }

  /**
   * Stores the golden CardRequested v1 sample for {@code cardId} as a build before version 2 did:
   * payload JSON without applicationDate, revision 1, the command's metadata with its chain hash.
   */
  private String storeVersion1(String cardId) throws Exception {
    JsonNode golden =
        JSON.readTree(
            GoldenSamples.jsonForCard(
                EventTypes.superseded("CardRequested", 1).orElseThrow(), cardId));
    String eventId = UUID.randomUUID().toString();
    byte[] payload = JSON.writeValueAsBytes(golden.get("payload"));
    Map<String, Object> metaData =
        new HashMap<>(CommandMetaData.of("CITIZEN", "wx-old", "JINGTONG_MINI_PROGRAM", "corr-v1"));
    metaData.put(
        EventChain.HASH_KEY,
        EventChain.hash(
            EventChain.GENESIS,
            new EventChain.StoredEvent(
                cardId, 0, eventId, "CardRequested", "1", RECORDED, payload, metaData)));
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier,"
                    + " sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                    + " meta_data) VALUES (?, ?, 0, 'CardAggregate', ?, 'CardRequested', '1', ?, ?)")) {
      insert.setString(1, eventId);
      insert.setString(2, cardId);
      insert.setString(3, DateTimeUtils.formatInstant(RECORDED));
      insert.setBytes(4, payload);
      insert.setBytes(5, serializer.serialize(MetaData.from(metaData), byte[].class).getData());
      assertEquals(1, insert.executeUpdate());
    }
    return eventId;
  }

  private String storedRevision(String cardId, int sequence) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT type, payload_type, payload_revision FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ? AND sequence_number = ?")) {
      select.setString(1, cardId);
      select.setInt(2, sequence);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1) + " " + row.getString(2) + " " + row.getString(3);
      }
    }
  }

  @Test
  void
      a_card_whose_request_is_stored_at_version_1_loads_reads_and_publishes_at_the_current_version()
          throws Exception {
    String cardId = UUID.randomUUID().toString();
    String eventId = storeVersion1(cardId);

    // The aggregate is sourced from the stored v1 event to decide this command.
    Callers.factory("card_factory-6")
        .body("{\"cardNumber\": \"U12345678\"}")
        .post("/cards/{id}/production", cardId)
        .then()
        .statusCode(200)
        .body("status", equalTo("PRODUCED"))
        .body("applicationDate", equalTo(BEIJING_DAY.toString()));

    as("AUDITOR", "OPERATOR_CONSOLE")
        .get("/audit/cards/{id}", cardId)
        .then()
        .statusCode(200)
        .body("applicationDate", equalTo(BEIJING_DAY.toString()))
        .body("history[0].eventType", equalTo("CardRequested"))
        .body("history[0].eventVersion", equalTo(CURRENT))
        .body("history[0].occurredAt", equalTo(RECORDED.toString()))
        .body("history[1].eventType", equalTo("CardProduced"))
        .body("history[1].eventVersion", equalTo(1));

    // The production deadline counts from the derived date (R-SLA-1: 30 natural days).
    Callers.auditor()
        .get("/cards/{id}/progress", cardId)
        .then()
        .statusCode(200)
        .body("dueRule", equalTo("R-SLA-1"))
        .body("dueDate", equalTo("2025-04-02"));

    List<byte[]> published =
        new TopicProbe(LocalInfrastructure.shared().kafka().bootstrapServers())
            .readByKey(Topics.CARD_LIFECYCLE, cardId, 2, Duration.ofSeconds(60));
    assertEquals(2, published.size());
    JsonNode requested = JSON.readTree(published.get(0));
    assertEquals(eventId, requested.get("eventId").asText());
    assertEquals("CardRequested", requested.get("eventType").asText());
    assertEquals(CURRENT, requested.get("eventVersion").asInt());
    assertEquals(BEIJING_DAY.toString(), requested.at("/payload/applicationDate").asText());
    EventEnvelope decoded = EventCodec.decode(published.get(0));
    assertEquals(RECORDED, decoded.occurredAt());
    assertEquals(BEIJING_DAY, ((CardRequested) decoded.payload()).applicationDate());
    assertEquals("CardProduced", EventCodec.decode(published.get(1)).eventType());

    // The store is read upcast, never rewritten: the row stays as the older build wrote it, and
    // its tamper-evidence chain, which covers the stored bytes, still holds.
    assertEquals("CardAggregate CardRequested 1", storedRevision(cardId, 0));
    as("AUDITOR", "OPERATOR_CONSOLE")
        .queryParam("cardId", cardId)
        .get("/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true))
        .body("eventsChecked", equalTo(2));
  }

  @Test
  void a_new_application_is_stored_at_the_current_version_dated_on_the_business_date()
      throws Exception {
    String url = root.toString();
    SampleRegistry.loadInto(url.substring(0, url.length() - 1), 200);
    SampleRegistry.Person person =
        SampleRegistry.generated(200, SampleRegistry.SEED).stream()
            .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
            .skip(12)
            .findFirst()
            .orElseThrow();
    LocalDate before = LocalDate.now(BusinessClockProducer.BEIJING);
    String cardId =
        Callers.citizen(person.idNumber())
            .body(
                """
                {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "13911116666"},
                 "bankCode": "BOB", "collection": {"method": "MAIL", "address": "北京市6号"}}
                """
                    .formatted(person.idNumber(), person.name()))
            .post("/cards")
            .then()
            .statusCode(201)
            .extract()
            .path("cardId");
    LocalDate after = LocalDate.now(BusinessClockProducer.BEIJING);

    // Same layout as the row stored by hand in the other test.
    assertEquals("CardAggregate CardRequested " + CURRENT, storedRevision(cardId, 0));
    String date =
        as("AUDITOR", "OPERATOR_CONSOLE")
            .get("/audit/cards/{id}", cardId)
            .then()
            .statusCode(200)
            .body("history[0].eventVersion", equalTo(CURRENT))
            .extract()
            .path("applicationDate");
    // No fixed business date in these tests: it is today in Beijing.
    assertEquals(true, date.equals(before.toString()) || date.equals(after.toString()), date);
  }
}
