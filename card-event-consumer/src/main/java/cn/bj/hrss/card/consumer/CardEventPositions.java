package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
   * {@link #claim} for a poll's events of one partition, in one transaction, by sets: the cards'
   * positions are read and locked in one statement ({@code card_id = ANY(?)}, in card order, as
   * {@link #claim} locks a card's row before its projection change), decided in memory with {@link
   * #isNext}, and written back in two statements (the moved rows, the new ones).
   *
   * @param events in topic order
   * @return the events to apply, in the same order: each its card's next; duplicates left out
   * @throws SequenceGapException if an event comes before an earlier one of its card (the caller
   *     rolls back and applies the events one at a time, which refuses that one alone)
   * @throws SQLException also when another transaction moved one of the positions meanwhile (a new
   *     card's row made by someone else): nothing may be applied on a stale position
   */
  public static List<EventEnvelope> claimAll(Connection connection, List<EventEnvelope> events)
      throws SQLException {
    TreeSet<String> cards = new TreeSet<>();
    events.forEach(event -> cards.add(event.cardId()));
    Map<String, Long> known = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT card_id, last_sequence FROM card_event_position WHERE card_id = ANY(?)"
                + " ORDER BY card_id FOR UPDATE")) {
      select.setArray(1, connection.createArrayOf("varchar", cards.toArray()));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          known.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    Map<String, Long> last = new HashMap<>(known);
    List<EventEnvelope> next = new ArrayList<>();
    for (EventEnvelope event : events) {
      if (isNext(event.cardId(), event.sequence(), last.get(event.cardId()))) {
        next.add(event);
        last.put(event.cardId(), event.sequence());
      }
    }
    List<String> moved = new ArrayList<>();
    List<Long> movedTo = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    List<Long> freshAt = new ArrayList<>();
    for (Map.Entry<String, Long> position : last.entrySet()) {
      Long before = known.get(position.getKey());
      if (before == null) {
        fresh.add(position.getKey());
        freshAt.add(position.getValue());
      } else if (!before.equals(position.getValue())) {
        moved.add(position.getKey());
        movedTo.add(position.getValue());
      }
    }
    write(
        connection,
        "UPDATE card_event_position p SET last_sequence = t.s"
            + " FROM unnest(?::varchar[], ?::bigint[]) AS t(c, s) WHERE p.card_id = t.c",
        moved,
        movedTo);
    write(
        connection,
        "INSERT INTO card_event_position (card_id, last_sequence)"
            + " SELECT * FROM unnest(?::varchar[], ?::bigint[]) ON CONFLICT (card_id) DO NOTHING",
        fresh,
        freshAt);
    return next;
  }

  private static void write(Connection connection, String sql, List<String> cards, List<Long> to)
      throws SQLException {
    if (cards.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("varchar", cards.toArray()));
      statement.setArray(2, connection.createArrayOf("bigint", to.toArray()));
      int written = statement.executeUpdate();
      if (written != cards.size()) {
        throw new SQLException(
            (cards.size() - written) + " card positions were moved by another transaction");
      }
    }
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
