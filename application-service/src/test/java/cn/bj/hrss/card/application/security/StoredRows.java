package cn.bj.hrss.card.application.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What the service has stored, counted straight from its database: the events of every card and the
 * one-application claims (R-ELIG-3). A refused request changes neither.
 */
record StoredRows(long events, long claims) {

  static StoredRows of(DataSource dataSource) {
    return new StoredRows(
        count(dataSource, "domain_event_entry"), count(dataSource, "application_claim"));
  }

  /** The guardianships recorded (R-BANK-4), in force or withdrawn. */
  static long guardianships(DataSource dataSource) {
    return count(dataSource, "guardian_relation");
  }

  private static long count(DataSource dataSource, String table) {
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count " + table, e);
    }
  }
}
