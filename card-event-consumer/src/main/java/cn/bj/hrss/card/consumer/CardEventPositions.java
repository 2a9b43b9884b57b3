package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How far each card's event stream has been applied to a projection: the last sequence number per
 * card, kept in the service's own {@code card_event_position} table, in the same transaction as the
 * projection change. A card's events are applied strictly in sequence: an event at or below the
 * position is a duplicate and skipped; an event beyond the next one means an earlier event is
 * missing, and is refused (the consumer retries it and says so in its log) rather than applied out
 * of order.
 *
 * <pre>
 * CREATE TABLE card_event_position (card_id VARCHAR(64) PRIMARY KEY, last_sequence BIGINT NOT NULL);
 * </pre>
 */
public final class CardEventPositions {

  private CardEventPositions() {}

  /** A projection change, made on the connection that also recorded the event's position. */
  @FunctionalInterface
  public interface ProjectionChange {
    void apply(Connection connection) throws SQLException;
  }

  /** An event that arrived before an earlier event of the same card. */
  public static final class SequenceGapException extends SQLException {
    SequenceGapException(String cardId, long sequence, Long last) {
      super(
          "card "
              + cardId
              + ": event #"
              + sequence
              + " arrived, but the last applied is "
              + (last == null ? "none" : "#" + last)
              + "; waiting for the missing events");
    }
  }

  /**
   * Applies {@code change} for {@code event} unless the card's position shows it was applied
   * before. Call it inside the transaction the change must share with the position (for example a
   * {@code @Transactional} method): the connection comes from {@code dataSource} and is enlisted.
   */
  public static void applyOnce(DataSource dataSource, EventEnvelope event, ProjectionChange change)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      applyOnce(connection, event, change);
    }
  }

  /** The same, on a connection the caller holds in its transaction (a rebuild's copy). */
  public static void applyOnce(Connection connection, EventEnvelope event, ProjectionChange change)
      throws SQLException {
    if (claim(connection, event.cardId(), event.sequence())) {
      change.apply(connection);
    }
  }

  /**
   * Moves the card's position to {@code sequence} if that is the card's next event.
   *
   * @return true if the event is the next one and must be applied; false if it was applied before
   * @throws SequenceGapException if an earlier event of the card has not been applied yet
   */
  public static boolean claim(Connection connection, String cardId, long sequence)
      throws SQLException {
    int moved =
        sequence == 0
            ? Jdbc.update(
                connection,
                "INSERT INTO card_event_position (card_id, last_sequence) VALUES (?, 0)"
                    + " ON CONFLICT (card_id) DO NOTHING",
                cardId)
            : Jdbc.update(
                connection,
                "UPDATE card_event_position SET last_sequence = ?"
                    + " WHERE card_id = ? AND last_sequence = ?",
                sequence,
                cardId,
                sequence - 1);
    if (moved == 1) {
      return true;
    }
    Long last = lastApplied(connection, cardId);
    if (last != null && last >= sequence) {
      return false;
    }
    throw new SequenceGapException(cardId, sequence, last);
  }

  /**
   * The same decision as {@link #claim}, from a position the caller keeps itself (a rebuild's
   * replay, the only writer of its copy).
   *
   * @param last the card's last applied sequence, or null if none
   * @return true if the event is the card's next; false if it was applied before
   * @throws SequenceGapException if an earlier event of the card has not been applied yet
   */
  public static boolean isNext(String cardId, long sequence, Long last)
      throws SequenceGapException {
    if (last == null ? sequence == 0 : last == sequence - 1) {
      return true;
    }
    if (last != null && last >= sequence) {
      return false;
    }
    throw new SequenceGapException(cardId, sequence, last);
  }

  /** Writes the cards' last applied sequences, in one batch of statements. */
  public static void save(Connection connection, Map<String, Long> lastApplied)
      throws SQLException {
    if (lastApplied.isEmpty()) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO card_event_position (card_id, last_sequence) VALUES (?, ?)"
                + " ON CONFLICT (card_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence")) {
      for (Map.Entry<String, Long> position : lastApplied.entrySet()) {
        statement.setString(1, position.getKey());
        statement.setLong(2, position.getValue());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static Long lastApplied(Connection connection, String cardId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT last_sequence FROM card_event_position WHERE card_id = ?")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getLong(1) : null;
      }
    }
  }
}
