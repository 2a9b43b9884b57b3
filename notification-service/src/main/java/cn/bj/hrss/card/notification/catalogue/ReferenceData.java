package cn.bj.hrss.card.notification.catalogue;

import static cn.bj.hrss.card.consumer.Jdbc.update;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The data behind the messages, in the service's own schema: the catalogue ({@code sms_template}),
 * and the cooperating banks whose names sign their notices ({@code bank}). Read on the projection's
 * connection, so a message uses the data as it was when it was recorded. Outlets are not kept here:
 * a notice names the outlet the event carries, as application-service's outlet reference data
 * registers it (ADR 23).
 */
@ApplicationScoped
public class ReferenceData {

  /** A cooperating bank: its short code and the name that signs its notices. */
  public record Bank(String code, String name) {}

  private final DataSource dataSource;

  public ReferenceData(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<MessageTemplate> template(Connection connection, String trigger)
      throws SQLException {
    List<MessageTemplate> found =
        templates(connection, "SELECT * FROM sms_template WHERE trigger = ?", trigger);
    return found.stream().findFirst();
  }

  public Optional<String> bankName(Connection connection, String code) throws SQLException {
    return one(connection, "SELECT name FROM bank WHERE code = ?", code);
  }

  public List<MessageTemplate> templates() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return templates(connection, "SELECT * FROM sms_template ORDER BY code");
    }
  }

  public List<Bank> banks() throws SQLException {
    List<Bank> banks = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT code, name FROM bank ORDER BY code");
        ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        banks.add(new Bank(row.getString("code"), row.getString("name")));
      }
    }
    return banks;
  }

  public void putBank(Bank bank) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      update(
          connection,
          "INSERT INTO bank (code, name) VALUES (?, ?)"
              + " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name",
          bank.code(),
          bank.name());
    }
  }

  private static List<MessageTemplate> templates(Connection connection, String sql, String... args)
      throws SQLException {
    List<MessageTemplate> templates = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setString(i + 1, args[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          templates.add(
              new MessageTemplate(
                  row.getString("code"),
                  row.getString("trigger"),
                  row.getString("signer"),
                  row.getString("body"),
                  row.getString("description")));
        }
      }
    }
    return templates;
  }

  private static Optional<String> one(Connection connection, String sql, String key)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    }
  }
}
