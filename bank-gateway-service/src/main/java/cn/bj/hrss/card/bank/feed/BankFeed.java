package cn.bj.hrss.card.bank.feed;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.refusal.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Each bank's feed as a cursor: read from position N, acknowledge up to M. Positions are gapless
 * and become visible in order ({@link FeedAppender}), so reading from the acknowledged position
 * after any interruption misses nothing, and repeats nothing before it.
 */
@ApplicationScoped
public class BankFeed {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  BankFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Up to {@code limit} messages of the bank's feed from position {@code from} on.
   *
   * @param from the first position wanted; null for the one after the acknowledged position
   */
  public FeedPage read(String bankCode, Long from, int limit) throws SQLException {
    FeedState state = state(bankCode);
    long first = from == null ? state.acknowledged() + 1 : from;
    List<JsonNode> messages = new ArrayList<>();
    long next = first;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT position, body FROM bank_feed_message WHERE bank_code = ?"
                    + " AND position >= ? ORDER BY position LIMIT ?")) {
      select.setString(1, bankCode);
      select.setLong(2, first);
      select.setInt(3, limit);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          messages.add(parse(row.getString("body")));
          next = row.getLong("position") + 1;
        }
      }
    }
    return new FeedPage(
        bankCode, first, next, state.acknowledged(), state.lastPosition(), messages);
  }

  /**
   * Moves the bank's acknowledged position up to {@code upTo}. It never moves back: an older
   * position changes nothing (a repeated acknowledgement is harmless).
   *
   * @throws Refusal FEED-ACK-AHEAD beyond the feed's last position
   */
  public FeedState acknowledge(String bankCode, long upTo) throws SQLException {
    if (upTo < 0) {
      throw Refusal.badRequest("INPUT-POSITION", "确认位置有误。", "upTo must be 0 or more");
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE bank_feed SET acknowledged = ?, acknowledged_at = now()"
                    + " WHERE bank_code = ? AND acknowledged < ? AND last_position >= ?")) {
      update.setLong(1, upTo);
      update.setString(2, bankCode);
      update.setLong(3, upTo);
      update.setLong(4, upTo);
      update.executeUpdate();
    }
    FeedState state = state(bankCode);
    if (upTo > state.lastPosition()) {
      throw Refusal.conflict(
          "FEED-ACK-AHEAD",
          "确认位置超出了已有消息。",
          "position " + upTo + " is beyond the feed's last position " + state.lastPosition());
    }
    return state;
  }

  /** The bank's feed state from the database (without Kafka). */
  public FeedState state(String bankCode) throws SQLException {
    List<FeedState> states = states(bankCode);
    return states.isEmpty()
        ? new FeedState(bankCode, 0, null, 0, null, 0, null, 0, null)
        : states.get(0);
  }

  /** Every bank's feed state (operators), or one bank's. */
  public List<FeedState> states(String onlyBank) throws SQLException {
    String sql =
        "SELECT f.bank_code, f.last_position, f.last_message_at, f.acknowledged,"
            + " f.acknowledged_at, f.last_position - f.acknowledged AS unacknowledged,"
            + " (SELECT m.occurred_at FROM bank_feed_message m WHERE m.bank_code = f.bank_code"
            + "   AND m.position = f.acknowledged + 1) AS oldest_unacknowledged_at,"
            + " (SELECT count(*) FROM bank_feed_message m WHERE m.bank_code = f.bank_code"
            + "   AND m.published_at IS NULL) AS unpublished"
            + " FROM bank_feed f"
            + (onlyBank == null ? "" : " WHERE f.bank_code = ?")
            + " ORDER BY f.bank_code";
    List<FeedState> states = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      if (onlyBank != null) {
        select.setString(1, onlyBank);
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          states.add(
              new FeedState(
                  row.getString("bank_code"),
                  row.getLong("last_position"),
                  instant(row, "last_message_at"),
                  row.getLong("acknowledged"),
                  instant(row, "acknowledged_at"),
                  row.getLong("unacknowledged"),
                  instant(row, "oldest_unacknowledged_at"),
                  row.getLong("unpublished"),
                  null));
        }
      }
    }
    return states;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
