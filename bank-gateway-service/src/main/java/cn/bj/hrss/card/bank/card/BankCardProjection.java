package cn.bj.hrss.card.bank.card;

import static cn.bj.hrss.card.consumer.Jdbc.instant;
import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every card as its issuing bank sees it, kept from the card events. Each event is applied at most
 * once ({@link CardEventPositions}), in the transaction that changes the card.
 */
@ApplicationScoped
public class BankCardProjection {

  private final DataSource dataSource;

  BankCardProjection(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Transactional(rollbackOn = Exception.class)
  public void apply(EventEnvelope event) throws SQLException {
    CardEventPositions.applyOnce(dataSource, event, connection -> change(connection, event));
  }

  private static void change(Connection connection, EventEnvelope event) throws SQLException {
    Timestamp at = Timestamp.from(event.occurredAt());
    if (event.payload() instanceof CardRequested requested) {
      update(
          connection,
          "INSERT INTO bank_card (card_id, bank_code, status, applicant_name, id_number, mobile,"
              + " collection_method, outlet_name, address, requested_at, updated_at)"
              + " VALUES (?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (card_id) DO NOTHING",
          event.cardId(),
          requested.bankCode(),
          requested.applicant().name(),
          requested.applicant().idNumber(),
          requested.applicant().mobile(),
          requested.collection().method().name(),
          requested.collection().outletName(),
          requested.collection().address(),
          at,
          at);
    } else if (event.payload() instanceof CardProduced produced) {
      update(
          connection,
          "UPDATE bank_card SET status = 'PRODUCED', card_number = ?, updated_at = ?"
              + " WHERE card_id = ?",
          produced.cardNumber(),
          at,
          event.cardId());
    } else if (event.payload() instanceof CardDispatched dispatched) {
      update(
          connection,
          "UPDATE bank_card SET status = 'DISPATCHED', tracking_number = ?,"
              + " outlet_name = COALESCE(?, outlet_name), updated_at = ? WHERE card_id = ?",
          dispatched.trackingNumber(),
          dispatched.outletName(),
          at,
          event.cardId());
    } else if (event.payload() instanceof CardCollected) {
      setStatus(connection, event, "COLLECTED", at);
    } else if (event.payload() instanceof CardDelivered) {
      setStatus(connection, event, "DELIVERED", at);
    } else if (event.payload() instanceof SocialFunctionEnabled) {
      setStatus(connection, event, "ACTIVE", at);
    }
  }

  /** The card, if it exists and {@code bankCode} issues it; another bank learns nothing. */
  public Optional<BankCard> find(String bankCode, String cardId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT * FROM bank_card WHERE card_id = ? AND bank_code = ?")) {
      statement.setString(1, cardId);
      statement.setString(2, bankCode);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new BankCard(
                row.getString("card_id"),
                row.getString("bank_code"),
                row.getString("status"),
                row.getString("applicant_name"),
                row.getString("id_number"),
                row.getString("mobile"),
                row.getString("collection_method"),
                row.getString("outlet_name"),
                row.getString("address"),
                row.getString("card_number"),
                row.getString("tracking_number"),
                instant(row, "requested_at"),
                instant(row, "updated_at")));
      }
    }
  }

  private static void setStatus(
      Connection connection, EventEnvelope event, String status, Timestamp at) throws SQLException {
    update(
        connection,
        "UPDATE bank_card SET status = ?, updated_at = ? WHERE card_id = ?",
        status,
        at,
        event.cardId());
  }
}
