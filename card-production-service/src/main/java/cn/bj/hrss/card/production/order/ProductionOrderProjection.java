package cn.bj.hrss.card.production.order;

import cn.bj.hrss.card.consumer.BatchedWrites;
import cn.bj.hrss.card.consumer.CardEventPositions;
import cn.bj.hrss.card.consumer.ProjectionWrites;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import cn.bj.hrss.card.production.calendar.CalendarHolder;
import cn.bj.hrss.card.production.factory.FactoryAssignments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The production orders, kept from the card events: one order per CardRequested, with its legal
 * deadline (R-SLA-1..5) and the factories of its bank (S-FACTORY-1), moved on by
 * CardProductionFailed, CardProduced, CardDispatched and the hand-over (CardCollected or
 * CardDelivered), and to another bank and its factories by IssuingBankChanged. Before production it
 * follows the application's changes (ApplicationChanged, S-CHANGE-1: bank, collection method,
 * outlet; a new bank's order is its factories', S-FACTORY-1), and it is closed by a withdrawal
 * (ApplicationWithdrawn, S-WITHDRAW-1) or a cancellation (CardCancelled, S-END-1): a closed order
 * is no factory's work, raises no overdue alert and takes no report. Each event is applied at most
 * once ({@link CardEventPositions}), in the transaction that changes the order.
 *
 * <p>Every value written comes from the event, from the official calendar or from the factory
 * assignment in force (which a rebuild copies, and re-reads at its switch), never from the wall
 * clock, so rebuilding from the topic gives the same rows.
 */
@ApplicationScoped
public class ProductionOrderProjection {

  private static final Logger LOG = Logger.getLogger(ProductionOrderProjection.class);

  private final DataSource dataSource;
  private final CalendarHolder calendar;

  ProductionOrderProjection(DataSource dataSource, CalendarHolder calendar) {
    this.dataSource = dataSource;
    this.calendar = calendar;
  }

  @Transactional(rollbackOn = Exception.class)
  public void apply(EventEnvelope event) throws SQLException {
    CardEventPositions.applyOnce(dataSource, event, connection -> change(connection, event));
  }

  /**
   * The event's change of the projection, on {@code connection} and in its transaction, without the
   * card's position: a {@link cn.bj.hrss.card.consumer.CardEventChange}, whose callers (the live
   * consumer, the rebuild) keep it.
   */
  public void change(Connection connection, EventEnvelope event) throws SQLException {
    change(ProjectionWrites.at(connection), event);
  }

  /**
   * The same change for a poll's events, each its card's next, in topic order (the live consumer's
   * batch, a rebuild's poll): the factory assignment locked once, then the events in rounds, each
   * round's statements sent as one batch per statement shape (card-event-consumer's {@link
   * BatchedWrites}, ADR 33). The rows are those of {@link #change(Connection, EventEnvelope)} one
   * event at a time (ProductionOrderBatchTest).
   */
  public void changeAll(Connection connection, List<EventEnvelope> events) throws SQLException {
    BatchedWrites.inRounds(
        connection,
        events,
        (writes, event) -> {
          lockFactories(writes);
          change(writes, event);
        });
  }

  /**
   * The definition of an event's change, whichever way its statements are sent: at once (one event)
   * or batched (a poll's, {@link #changeAll}). Its statements of one event touch different columns,
   * so that a batch may send them in either order.
   */
  private void change(ProjectionWrites writes, EventEnvelope event) throws SQLException {
    Timestamp at = Timestamp.from(event.occurredAt());
    if (event.payload() instanceof CardRequested requested) {
      order(writes, event, requested, at);
    } else if (event.payload() instanceof CardProductionFailed failed) {
      // The order stays open: the factory produces the card again, within the same deadline.
      writes.update(
          "UPDATE production_order SET status = 'PRODUCTION_FAILED',"
              + " failure_count = failure_count + 1, last_failure_reason = ?, last_failed_at = ?,"
              + " updated_at = ? WHERE card_id = ?",
          failed.reason(),
          at,
          at,
          event.cardId());
    } else if (event.payload() instanceof CardProduced produced) {
      writes.update(
          "UPDATE production_order SET status = 'PRODUCED', card_number = ?, produced_at = ?,"
              + " updated_at = ? WHERE card_id = ?",
          produced.cardNumber(),
          at,
          at,
          event.cardId());
    } else if (event.payload() instanceof CardDispatched dispatched) {
      writes.update(
          "UPDATE production_order SET status = 'DISPATCHED', dispatched_at = ?,"
              + " tracking_number = ?, outlet_name = COALESCE(?, outlet_name), updated_at = ?"
              + " WHERE card_id = ?",
          at,
          dispatched.trackingNumber(),
          dispatched.outletName(),
          at,
          event.cardId());
    } else if (event.payload() instanceof IssuingBankChanged moved) {
      // S-FACTORY-1: the card is the new bank's now, and so its order is its factories'.
      moveToBank(writes, event, moved.toBankCode(), at);
    } else if (event.payload() instanceof ApplicationChanged changed) {
      // S-CHANGE-1: the order follows the application; the old bank's factories lose it.
      writes.update(
          "UPDATE production_order SET collection_method = ?, outlet_name = ?, updated_at = ?"
              + " WHERE card_id = ?",
          changed.collection().method().name(),
          changed.collection().outletName(),
          at,
          event.cardId());
      if (changed.bankChanged()) {
        moveToBank(writes, event, changed.bankCode(), at);
      }
    } else if (event.payload() instanceof ApplicationWithdrawn withdrawn) {
      close(writes, event, ProductionOrder.WITHDRAWN, withdrawn.reason(), at);
    } else if (event.payload() instanceof CardCancelled cancelled) {
      // The reason code only: an operator's note stays with application-service.
      close(writes, event, ProductionOrder.CANCELLED, cancelled.reason(), at);
    } else if (event.payload() instanceof CardCollected
        || event.payload() instanceof CardDelivered) {
      writes.update(
          "UPDATE production_order SET status = 'HANDED_OVER', handed_over_at = ?,"
              + " updated_at = ? WHERE card_id = ?",
          at,
          at,
          event.cardId());
    }
    // Other events do not concern production; their position is recorded all the same:
    // SocialFunctionEnabled, OldCardInvalidated, FinancialFunctionActivated, MobileNumberChanged
    // (the order holds no mobile), and what happens after the dispatch: MailReturned,
    // PickupPeriodEnding, UncollectedCardReturned (the bank's outlets and store, not the
    // factory's).
  }

  /** S-FACTORY-1: the card is {@code bankCode}'s now, and so its order is its factories'. */
  private static void moveToBank(
      ProjectionWrites writes, EventEnvelope event, String bankCode, Timestamp at)
      throws SQLException {
    lockFactories(writes);
    writes.update(
        "UPDATE production_order SET bank_code = ?, factories = "
            + FactoryAssignments.FACTORIES_OF_BANK
            + ", updated_at = ? WHERE card_id = ?",
        bankCode,
        bankCode,
        at,
        event.cardId());
  }

  /** The order is closed for good: nothing is to be produced, dispatched or reported on it. */
  private static void close(
      ProjectionWrites writes, EventEnvelope event, String status, String reason, Timestamp at)
      throws SQLException {
    writes.update(
        "UPDATE production_order SET status = ?, closed_reason = ?, closed_at = ?, updated_at = ?"
            + " WHERE card_id = ?",
        status,
        reason,
        at,
        at,
        event.cardId());
  }

  /** The factory assignment read into orders: locked for each event, or once for a batch. */
  private static void lockFactories(ProjectionWrites writes) throws SQLException {
    writes.once("factory_assignment", FactoryAssignments::lockForReading);
  }

  /**
   * A new order with its deadline on the calendar in force (issue 17): provisional, with its note,
   * where the period reaches into a year whose notice is not loaded yet; recounted when it is
   * ({@code calendar.CalendarListener}). Only a channel without a production period leaves the
   * order without a date, with the reason in deadline_problem.
   */
  private void order(
      ProjectionWrites writes, EventEnvelope event, CardRequested requested, Timestamp at)
      throws SQLException {
    // CardRequested v2 carries the legal application date (EventCodec derives it for v1).
    LocalDate applied =
        requested.applicationDate() != null
            ? requested.applicationDate()
            : event.occurredAt().atZone(ProductionDeadlines.BEIJING).toLocalDate();
    OrderDeadline deadline = OrderDeadline.of(calendar.deadlines(), event.channel(), applied);
    if (deadline.problem() != null) {
      LOG.errorf("card %s: no production deadline: %s", event.cardId(), deadline.problem());
    }
    // S-FACTORY-1: the order is assigned to the factories of its bank.
    lockFactories(writes);
    writes.update(
        "INSERT INTO production_order (card_id, bank_code, channel, collection_method,"
            + " outlet_name, status, ordered_at, application_date, due_date, deadline_rule,"
            + " deadline_problem, due_date_provisional, calendar_version, deadline_note,"
            + " updated_at, factories)"
            + " VALUES (?, ?, ?, ?, ?, 'ORDERED', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + FactoryAssignments.FACTORIES_OF_BANK
            + ") ON CONFLICT (card_id) DO NOTHING",
        event.cardId(),
        requested.bankCode(),
        event.channel(),
        requested.collection().method().name(),
        requested.collection().outletName(),
        at,
        Date.valueOf(applied),
        deadline.dueDate() == null ? null : Date.valueOf(deadline.dueDate()),
        deadline.rule(),
        deadline.problem(),
        deadline.provisional(),
        deadline.calendarVersion(),
        deadline.note(),
        at,
        requested.bankCode());
  }
}
