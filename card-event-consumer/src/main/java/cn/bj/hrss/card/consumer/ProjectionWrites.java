package cn.bj.hrss.card.consumer;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a projection change sends its INSERTs, UPDATEs and DELETEs: at once, one statement each
 * ({@link #at}, one event: the re-drive, the fallback, a poll of one), or queued per statement
 * shape and sent in batches ({@link BatchedWrites}, a poll's events). A change written against it
 * is one definition for both; it must not read what it wrote (a queued statement has not run) and
 * must not depend on how many rows a statement changed.
 */
public interface ProjectionWrites {

  /** An INSERT, UPDATE or DELETE with positional values. */
  void update(String sql, Object... values) throws SQLException;

  /**
   * Work a change needs done in its transaction before its statements (a table lock): at once for
   * one event; for a batch, the first time only (its key names it).
   */
  void once(String key, CardEventPositions.ProjectionChange work) throws SQLException;

  /** The connection the statements go to, for what a change reads. */
  Connection connection();

  /** Every statement at once, on {@code connection}. */
  static ProjectionWrites at(Connection connection) {
    return new ProjectionWrites() {
      @Override
      public void update(String sql, Object... values) throws SQLException {
        Jdbc.update(connection, sql, values);
      }

      @Override
      public void once(String key, CardEventPositions.ProjectionChange work) throws SQLException {
        work.apply(connection);
      }

      @Override
      public Connection connection() {
        return connection;
      }
    };
  }
}
