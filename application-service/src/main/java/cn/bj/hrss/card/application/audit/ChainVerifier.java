package cn.bj.hrss.card.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Checks the stored events against their chain: reads the rows as they are in the database (not
 * through Axon), recomputes each card's chain from its first event, and names the first event whose
 * stored hash does not match what is stored of it.
 */
@ApplicationScoped
public class ChainVerifier {

  /** The outcome of a verification. */
  public record Report(
      long cardsChecked, long eventsChecked, boolean intact, Mismatch firstMismatch) {}

  /** The first event that does not match its chain. */
  public record Mismatch(
      String cardId, long sequence, String eventId, long globalIndex, String reason) {}

  private final DataSource dataSource;
  private final JacksonSerializer metaDataReader = JacksonSerializer.defaultSerializer();

  ChainVerifier(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Verifies one card, or the whole store when {@code cardId} is null. */
  public Report verify(String cardId) throws SQLException {
    String sql =
        "SELECT global_index, aggregate_identifier, sequence_number, event_identifier,"
            + " payload_type, payload_revision, time_stamp, payload, meta_data"
            + " FROM domain_event_entry"
            + (cardId == null ? "" : " WHERE aggregate_identifier = ?")
            + " ORDER BY aggregate_identifier, sequence_number";
    long cards = 0;
    long events = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      c.setAutoCommit(false); // lets PostgreSQL stream the rows with the fetch size
      statement.setFetchSize(1000);
      if (cardId != null) {
        statement.setString(1, cardId);
      }
      try (ResultSet row = statement.executeQuery()) {
        String currentCard = null;
        String previous = EventChain.GENESIS;
        while (row.next()) {
          String card = row.getString("aggregate_identifier");
          if (!card.equals(currentCard)) {
            currentCard = card;
            previous = EventChain.GENESIS;
            cards++;
          }
          events++;
          Map<String, ?> metaData = metaData(row.getBytes("meta_data"));
          String expected =
              EventChain.hash(
                  previous,
                  new EventChain.StoredEvent(
                      card,
                      row.getLong("sequence_number"),
                      row.getString("event_identifier"),
                      row.getString("payload_type"),
                      row.getString("payload_revision"),
                      Instant.parse(row.getString("time_stamp")),
                      row.getBytes("payload"),
                      metaData));
          Object stored = metaData.get(EventChain.HASH_KEY);
          if (!expected.equals(stored)) {
            c.rollback();
            return new Report(
                cards,
                events,
                false,
                new Mismatch(
                    card,
                    row.getLong("sequence_number"),
                    row.getString("event_identifier"),
                    row.getLong("global_index"),
                    stored == null
                        ? "the event carries no chain hash"
                        : "what is stored of the event does not match its chain hash"));
          }
          previous = expected;
        }
      }
      c.rollback();
    }
    return new Report(cards, events, true, null);
  }

  private Map<String, ?> metaData(byte[] bytes) {
    if (bytes == null) {
      return Map.of();
    }
    MetaData metaData =
        metaDataReader.deserialize(
            new SimpleSerializedObject<>(bytes, byte[].class, MetaData.class.getName(), null));
    return metaData;
  }
}
