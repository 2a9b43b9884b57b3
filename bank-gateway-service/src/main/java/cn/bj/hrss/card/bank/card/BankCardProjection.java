package cn.bj.hrss.card.bank.card;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.bank.feed.BankMessage;
import cn.bj.hrss.card.bank.feed.BankMessages;
import cn.bj.hrss.card.bank.feed.FeedAppender;
import cn.bj.hrss.card.consumer.BatchedWrites;
import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.consumer.ProjectionWrites;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every card as its issuing bank sees it, kept from the card events, and each bank's feed. Each
 * event is applied at most once ({@link CardEventPositions}), in one transaction that changes the
 * card, its place in the list of cards awaiting pickup ({@link AwaitingPickup}) and appends the
 * event's messages to the banks' feeds ({@link BankMessages}). A rebuild replays into a copy whose
 * feeds are thrown away (card-event-consumer's ProjectionRebuild): the banks hear of each event
 * once.
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

  /**
   * The card's change and the messages it gives the banks' feeds, on {@code connection} and in its
   * transaction, without the card's position: a {@link cn.bj.hrss.card.consumer.CardEventChange},
   * whose callers (the live consumer, the rebuild) keep it.
   */
  public void change(Connection connection, EventEnvelope event) throws SQLException {
    BankCard before = find(connection, event.cardId()).orElse(null);
    FeedAppender.append(connection, change(ProjectionWrites.at(connection), event, before));
  }

  /**
   * The same change for a poll's events, each its card's next, in topic order (the live consumer's
   * batch after {@link FeedAppender#lockEveryFeed}, a rebuild's poll), by sets (ADR 33): in rounds
   * that hold each card's k-th event, the round's cards read in one statement and their changes
   * sent as one batch per statement shape (card-event-consumer's {@link BatchedWrites}); then every
   * event's messages appended to the feeds in event order ({@link FeedAppender#appendAll}). The
   * rows and the feeds are those of {@link #change(Connection, EventEnvelope)} one event at a time
   * (BankCardBatchTest).
   */
  public void changeAll(Connection connection, List<EventEnvelope> events) throws SQLException {
    Map<EventEnvelope, List<BankMessage>> messages = new IdentityHashMap<>();
    try (BatchedWrites writes = new BatchedWrites(connection)) {
      for (List<EventEnvelope> round : BatchedWrites.rounds(events)) {
        Map<String, BankCard> before = findAll(connection, round);
        for (EventEnvelope event : round) {
          messages.put(event, change(writes, event, before.get(event.cardId())));
        }
        writes.flush();
      }
    }
    List<List<BankMessage>> inOrder = new ArrayList<>();
    for (EventEnvelope event : events) {
      inOrder.add(messages.get(event));
    }
    FeedAppender.appendAll(connection, inOrder);
  }

  /**
   * The definition of an event's change of the card and its pickup (two tables, so a batch may send
   * them in either order), whichever way its statements are sent, and the messages it gives.
   *
   * @param before the card before the event, or null for a card no bank knows
   */
  private static List<BankMessage> change(
      ProjectionWrites writes, EventEnvelope event, BankCard before) throws SQLException {
    changeCard(writes, event);
    AwaitingPickup.change(writes, event, before == null ? null : before.bankCode());
    return BankMessages.derive(event, before);
  }

  private static void changeCard(ProjectionWrites writes, EventEnvelope event) throws SQLException {
    Timestamp at = Timestamp.from(event.occurredAt());
    CardEvent payload = event.payload();
    if (payload instanceof CardRequested requested) {
      writes.update(
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
    } else if (payload instanceof ReplacementCardIssued issued) {
      writes.update(
          "INSERT INTO bank_card (card_id, bank_code, status, applicant_name, id_number, mobile,"
              + " collection_method, outlet_name, card_number, replaces_card_id, requested_at,"
              + " updated_at) VALUES (?, ?, 'COLLECTED', ?, ?, ?, 'OUTLET_PICKUP', ?, ?, ?, ?, ?)"
              + " ON CONFLICT (card_id) DO NOTHING",
          event.cardId(),
          issued.bankCode(),
          issued.applicant().name(),
          issued.applicant().idNumber(),
          issued.applicant().mobile(),
          issued.outletName(),
          issued.cardNumber(),
          issued.replacesCardId(),
          at,
          at);
    } else if (payload instanceof CardProductionFailed) {
      set(writes, event, "status = 'PRODUCTION_FAILED'");
    } else if (payload instanceof CardProduced produced) {
      set(writes, event, "status = 'PRODUCED', card_number = ?", produced.cardNumber());
    } else if (payload instanceof CardDispatched dispatched) {
      set(
          writes,
          event,
          "status = 'DISPATCHED', tracking_number = ?, outlet_name = COALESCE(?, outlet_name)",
          dispatched.trackingNumber(),
          dispatched.outletName());
    } else if (payload instanceof CardCollected collected) {
      set(
          writes,
          event,
          "status = 'COLLECTED', outlet_name = COALESCE(?, outlet_name)",
          collected.outletName());
    } else if (payload instanceof CardDelivered) {
      set(writes, event, "status = 'DELIVERED'");
    } else if (payload instanceof SocialFunctionEnabled) {
      set(writes, event, "status = 'ACTIVE'");
    } else if (payload instanceof FinancialFunctionActivated) {
      set(writes, event, "financial_active = TRUE");
    } else if (payload instanceof IssuingBankChanged changed) {
      // R-BANK-6: the new bank owns the card; the financial function is to be opened with it.
      set(writes, event, "bank_code = ?, financial_active = FALSE", changed.toBankCode());
    } else if (payload instanceof CardReportedLost) {
      set(writes, event, "reported_lost = TRUE");
    } else if (payload instanceof LossReportCancelled) {
      set(writes, event, "reported_lost = FALSE");
    } else if (payload instanceof CardReplaced replaced) {
      set(writes, event, "status = 'REPLACED', replaced_by = ?", replaced.replacementCardId());
    } else if (payload instanceof ApplicationChanged changed) {
      // S-CHANGE-1: the whole application after the change, and its bank.
      set(
          writes,
          event,
          "bank_code = ?, collection_method = ?, outlet_name = ?, address = ?",
          changed.bankCode(),
          changed.collection().method().name(),
          changed.collection().outletName(),
          changed.collection().address());
    } else if (payload instanceof ApplicationWithdrawn) {
      set(writes, event, "status = 'WITHDRAWN'");
    } else if (payload instanceof CardCancelled) {
      set(writes, event, "status = 'CANCELLED'");
    } else if (payload instanceof MailReturned returned) {
      // S-MAIL-2: the card waits at the bank's outlet; it is collected there.
      set(
          writes,
          event,
          "status = 'MAIL_RETURNED', collection_method = 'OUTLET_PICKUP', outlet_name = ?",
          returned.outlet().name());
    } else if (payload instanceof UncollectedCardReturned) {
      set(writes, event, "status = 'RETURNED_TO_BANK'");
    } else if (payload instanceof MobileNumberChanged changed) {
      set(writes, event, "mobile = ?", changed.mobile());
    }
    // PickupPeriodEnding changes only the awaiting-pickup list.
  }

  private static void set(
      ProjectionWrites writes, EventEnvelope event, String assignments, Object... values)
      throws SQLException {
    Object[] all = new Object[values.length + 2];
    System.arraycopy(values, 0, all, 0, values.length);
    all[values.length] = Timestamp.from(event.occurredAt());
    all[values.length + 1] = event.cardId();
    writes.update(
        "UPDATE bank_card SET " + assignments + ", updated_at = ? WHERE card_id = ?", all);
  }

  /** The card, if it exists and {@code bankCode} issues it; another bank learns nothing. */
  public Optional<BankCard> find(String bankCode, String cardId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, cardId).filter(card -> card.bankCode().equals(bankCode));
    }
  }

  /** The holder's ID number of a card, whichever bank issues it (for a bank change's relay). */
  public Optional<String> holderIdNumber(String cardId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, cardId).map(BankCard::idNumber);
    }
  }

  /**
   * The card with this printed number whose holder has this ID number, whichever bank issues it:
   * how a retiree's new bank finds the card it takes over (R-BANK-6). Both must match.
   */
  public Optional<BankCard> findByCardNumber(String cardNumber, String idNumber)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT * FROM bank_card WHERE card_number = ? AND id_number = ?"
                    + " AND status <> 'REPLACED'")) {
      statement.setString(1, cardNumber);
      statement.setString(2, idNumber);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  static Optional<BankCard> find(Connection connection, String cardId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT * FROM bank_card WHERE card_id = ?")) {
      statement.setString(1, cardId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  /** The cards of these events as they are now, by card id, in one statement. */
  private static Map<String, BankCard> findAll(Connection connection, List<EventEnvelope> events)
      throws SQLException {
    Map<String, BankCard> cards = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT * FROM bank_card WHERE card_id = ANY(?)")) {
      statement.setArray(
          1,
          connection.createArrayOf(
              "varchar", events.stream().map(EventEnvelope::cardId).toArray()));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          BankCard card = read(row);
          cards.put(card.cardId(), card);
        }
      }
    }
    return cards;
  }

  private static BankCard read(ResultSet row) throws SQLException {
    return new BankCard(
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
        row.getBoolean("financial_active"),
        row.getBoolean("reported_lost"),
        row.getString("replaces_card_id"),
        row.getString("replaced_by"),
        instant(row, "requested_at"),
        instant(row, "updated_at"));
  }
}
