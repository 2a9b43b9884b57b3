package cn.bj.hrss.card.bank.card;

import cn.bj.hrss.card.consumer.ProjectionWrites;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The cards waiting at a bank's outlets for pickup, and those past their pickup period (S-LIST-3,
 * S-PICKUP-1; table {@code bank_pickup}). Kept from the card events in the transaction of the bank
 * card's change; every value comes from the event, so a rebuild gives the same rows.
 */
@ApplicationScoped
public class AwaitingPickup {

  /** At the outlet, not reminded yet. */
  public static final String WAITING = "WAITING";

  /** At the outlet, the holder reminded that the pickup period ends soon (PickupPeriodEnding). */
  public static final String REMINDED = "REMINDED";

  /** Past its pickup period, back at the bank's central store (UncollectedCardReturned). */
  public static final String RETURNED_TO_STORE = "RETURNED_TO_STORE";

  public static final Set<String> STATES = Set.of(WAITING, REMINDED, RETURNED_TO_STORE);

  /** The business day of an event: the date in Beijing of its occurredAt. */
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /**
   * One card waiting for pickup.
   *
   * @param waitingSince the business day the card arrived at the outlet
   * @param reminded whether the holder was reminded that the pickup period ends
   * @param pickupEnds the last day of the pickup period, once the reminder or the return gave it
   */
  public record Card(
      String cardId,
      String cardNumber,
      String outletName,
      String state,
      LocalDate waitingSince,
      boolean reminded,
      LocalDate pickupEnds) {}

  /** One page of a bank's list, oldest arrival first. */
  public record Page(String bankCode, long total, int limit, int offset, List<Card> cards) {}

  private final DataSource dataSource;

  AwaitingPickup(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The event's change of the list.
   *
   * @param bankCode the bank that issues the card at this event; null for a card no bank knows
   */
  static void change(ProjectionWrites writes, EventEnvelope event, String bankCode)
      throws SQLException {
    CardEvent payload = event.payload();
    Timestamp at = Timestamp.from(event.occurredAt());
    LocalDate day = event.occurredAt().atZone(BEIJING).toLocalDate();
    if (bankCode == null) {
      return;
    }
    if (payload instanceof CardDispatched e && e.method() == CollectionMethod.OUTLET_PICKUP) {
      arrived(writes, event, bankCode, e.outletName(), day, at);
    } else if (payload instanceof MailReturned e) {
      arrived(writes, event, bankCode, e.outlet().name(), day, at);
    } else if (payload instanceof PickupPeriodEnding e) {
      set(
          writes,
          event,
          bankCode,
          e.outlet().name(),
          REMINDED,
          e.waitingSince(),
          e.pickupEnds(),
          at);
    } else if (payload instanceof UncollectedCardReturned e) {
      set(
          writes,
          event,
          bankCode,
          e.outlet().name(),
          RETURNED_TO_STORE,
          e.waitingSince(),
          e.pickupEnded(),
          at);
    } else if (payload instanceof CardCollected
        || payload instanceof CardDelivered
        || payload instanceof CardCancelled
        || payload instanceof ApplicationWithdrawn
        || payload instanceof CardReplaced) {
      writes.update("DELETE FROM bank_pickup WHERE card_id = ?", event.cardId());
    }
  }

  private static void arrived(
      ProjectionWrites writes,
      EventEnvelope event,
      String bankCode,
      String outlet,
      LocalDate day,
      Timestamp at)
      throws SQLException {
    writes.update(
        "INSERT INTO bank_pickup (card_id, bank_code, outlet_name, state, waiting_since, reminded,"
            + " pickup_ends, updated_at) VALUES (?, ?, ?, ?, ?, FALSE, NULL, ?)"
            + " ON CONFLICT (card_id) DO UPDATE SET bank_code = EXCLUDED.bank_code,"
            + " outlet_name = EXCLUDED.outlet_name, state = EXCLUDED.state,"
            + " waiting_since = EXCLUDED.waiting_since, reminded = FALSE, pickup_ends = NULL,"
            + " updated_at = EXCLUDED.updated_at",
        event.cardId(),
        bankCode,
        outlet,
        WAITING,
        Date.valueOf(day),
        at);
  }

  /** The pickup sweep's word (application-service): its own dates, reminded either way. */
  private static void set(
      ProjectionWrites writes,
      EventEnvelope event,
      String bankCode,
      String outlet,
      String state,
      LocalDate waitingSince,
      LocalDate pickupEnds,
      Timestamp at)
      throws SQLException {
    writes.update(
        "INSERT INTO bank_pickup (card_id, bank_code, outlet_name, state, waiting_since, reminded,"
            + " pickup_ends, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (card_id) DO UPDATE SET bank_code = EXCLUDED.bank_code,"
            + " outlet_name = EXCLUDED.outlet_name, state = EXCLUDED.state,"
            + " waiting_since = EXCLUDED.waiting_since,"
            + " reminded = bank_pickup.reminded OR EXCLUDED.reminded,"
            + " pickup_ends = EXCLUDED.pickup_ends, updated_at = EXCLUDED.updated_at",
        event.cardId(),
        bankCode,
        outlet,
        state,
        Date.valueOf(waitingSince),
        REMINDED.equals(state),
        Date.valueOf(pickupEnds),
        at);
  }

  /**
   * One page of the cards of {@code bankCode} waiting for pickup, oldest arrival first.
   *
   * @param outlet only this outlet's; null for all
   * @param state only cards in this state ({@link #STATES}); null for all
   */
  public Page page(String bankCode, String outlet, String state, int limit, int offset)
      throws SQLException {
    List<Object> values = new ArrayList<>(List.of(bankCode));
    String where = " WHERE p.bank_code = ?";
    if (outlet != null && !outlet.isBlank()) {
      where += " AND p.outlet_name = ?";
      values.add(outlet);
    }
    if (state != null && !state.isBlank()) {
      where += " AND p.state = ?";
      values.add(state);
    }
    List<Card> cards = new ArrayList<>();
    long total;
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement count =
          prepare(connection, "SELECT count(*) FROM bank_pickup p" + where, values)) {
        try (ResultSet row = count.executeQuery()) {
          row.next();
          total = row.getLong(1);
        }
      }
      List<Object> pageValues = new ArrayList<>(values);
      pageValues.add(limit);
      pageValues.add(offset);
      try (PreparedStatement select =
          prepare(
              connection,
              "SELECT p.*, c.card_number FROM bank_pickup p"
                  + " LEFT JOIN bank_card c ON c.card_id = p.card_id"
                  + where
                  + " ORDER BY p.waiting_since, p.card_id LIMIT ? OFFSET ?",
              pageValues)) {
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            cards.add(
                new Card(
                    row.getString("card_id"),
                    row.getString("card_number"),
                    row.getString("outlet_name"),
                    row.getString("state"),
                    row.getObject("waiting_since", LocalDate.class),
                    row.getBoolean("reminded"),
                    row.getObject("pickup_ends", LocalDate.class)));
          }
        }
      }
    }
    return new Page(bankCode, total, limit, offset, cards);
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return statement;
  }
}
