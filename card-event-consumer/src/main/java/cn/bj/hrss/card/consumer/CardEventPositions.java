package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How far each card's event stream has been applied to a projection: the last sequence number per
 * card, kept in the service's own {@code card_event_position} table, in the same transaction as the
 * projection change.
 *
 * <pre>
 * CREATE TABLE card_event_position (card_id VARCHAR(64) PRIMARY KEY, last_sequence BIGINT NOT NULL);
 * </pre>
 */
public final class CardEventPositions {

  private static final String CLAIM =
      "INSERT INTO card_event_position (card_id, last_sequence) VALUES (?, ?) "
          + "ON CONFLICT (card_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence "
          + "WHERE card_event_position.last_sequence < EXCLUDED.last_sequence";

  private CardEventPositions() {}

  /** A projection change, made on the connection that also recorded the event's position. */
  @FunctionalInterface
  public interface ProjectionChange {
    void apply(Connection connection) throws SQLException;
  }

  /**
   * Applies {@code change} for {@code event} unless the card's position shows it was applied
   * before. Call it inside the transaction the change must share with the position (for example a
   * {@code @Transactional} method): the connection comes from {@code dataSource} and is enlisted.
   */
  public static void applyOnce(DataSource dataSource, EventEnvelope event, ProjectionChange change)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (claim(connection, event.cardId(), event.sequence())) {
        change.apply(connection);
      }
    }
  }

  /**
   * Records that the event with {@code sequence} of {@code cardId} is being applied.
   *
   * @return true if it is new and must be applied; false if it (or a later event of the card) was
   *     applied before, so it must be skipped
   */
  public static boolean claim(Connection connection, String cardId, long sequence)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
      statement.setString(1, cardId);
      statement.setLong(2, sequence);
      return statement.executeUpdate() == 1;
    }
  }
}
