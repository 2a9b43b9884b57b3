package cn.bj.hrss.card.production.order;

import static cn.bj.hrss.card.consumer.Jdbc.instant;
import static cn.bj.hrss.card.consumer.Jdbc.update;

import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
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
 * The production orders, kept from the card events: one order per CardRequested, moved on by
 * CardProduced, CardDispatched and the hand-over (CardCollected or CardDelivered). Each event is
 * applied at most once ({@link CardEventPositions}), in the transaction that changes the order.
 */
@ApplicationScoped
public class ProductionOrderProjection {

  private final DataSource dataSource;

  ProductionOrderProjection(DataSource dataSource) {
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
          "INSERT INTO production_order (card_id, bank_code, channel, collection_method,"
              + " outlet_name, status, ordered_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, 'ORDERED', ?, ?) ON CONFLICT (card_id) DO NOTHING",
          event.cardId(),
          requested.bankCode(),
          event.channel(),
          requested.collection().method().name(),
          requested.collection().outletName(),
          at,
          at);
    } else if (event.payload() instanceof CardProduced produced) {
      update(
          connection,
          "UPDATE production_order SET status = 'PRODUCED', card_number = ?, produced_at = ?,"
              + " updated_at = ? WHERE card_id = ?",
          produced.cardNumber(),
          at,
          at,
          event.cardId());
    } else if (event.payload() instanceof CardDispatched dispatched) {
      update(
          connection,
          "UPDATE production_order SET status = 'DISPATCHED', dispatched_at = ?,"
              + " tracking_number = ?, outlet_name = COALESCE(?, outlet_name), updated_at = ?"
              + " WHERE card_id = ?",
          at,
          dispatched.trackingNumber(),
          dispatched.outletName(),
          at,
          event.cardId());
    } else if (event.payload() instanceof CardCollected
        || event.payload() instanceof CardDelivered) {
      update(
          connection,
          "UPDATE production_order SET status = 'HANDED_OVER', handed_over_at = ?,"
              + " updated_at = ? WHERE card_id = ?",
          at,
          at,
          event.cardId());
    }
    // Other events (SocialFunctionEnabled, types this build does not know) do not concern
    // production; their position is recorded all the same.
  }

  public Optional<ProductionOrder> find(String cardId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT * FROM production_order WHERE card_id = ?")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ProductionOrder(
                row.getString("card_id"),
                row.getString("bank_code"),
                row.getString("channel"),
                row.getString("collection_method"),
                row.getString("outlet_name"),
                row.getString("status"),
                instant(row, "ordered_at"),
                row.getString("card_number"),
                instant(row, "produced_at"),
                instant(row, "dispatched_at"),
                row.getString("tracking_number"),
                instant(row, "handed_over_at")));
      }
    }
  }
}
