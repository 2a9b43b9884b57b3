package cn.bj.hrss.card.application.card;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Client-supplied idempotency keys (header Idempotency-Key): the first answer to a key is kept, and
 * a repeated request with the same key and body gets it again instead of being processed twice.
 */
@ApplicationScoped
public class IdempotencyKeys {

  /** A kept answer. */
  public record Answer(String requestHash, int status, String body) {}

  private final DataSource dataSource;

  IdempotencyKeys(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static String hash(String request) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<Answer> find(String key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT request_hash, status, body FROM idempotency_key WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new Answer(row.getString(1), row.getInt(2), row.getString(3)))
            : Optional.empty();
      }
    }
  }

  /** Keeps the first answer to {@code key}; a concurrent first answer wins. */
  public void keep(String key, String requestHash, int status, String body) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO idempotency_key (key, request_hash, status, body, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING")) {
      insert.setString(1, key);
      insert.setString(2, requestHash);
      insert.setInt(3, status);
      insert.setString(4, body);
      insert.setTimestamp(5, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    }
  }
}
