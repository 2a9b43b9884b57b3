package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A service's projection change for one card event, made on the caller's connection and in its
 * transaction (the connection's schema decides which copy is written). The caller keeps the card's
 * position ({@link CardEventPositions}) and calls it only for the card's next event: the live
 * consumer claims the position in the same transaction, a rebuild keeps its copy's positions per
 * poll.
 *
 * <p>{@link #applyAll} is the same change for a poll's events (each its card's next, in topic
 * order), in one transaction. By default it applies them one at a time; a service that writes them
 * by sets gives its batch form with {@link #of(CardEventChange, Batch)}, and proves it equal to the
 * one-event form, which stays the definition (ADR 33).
 */
@FunctionalInterface
public interface CardEventChange {
  void apply(Connection connection, EventEnvelope event) throws SQLException;

  /** The change of several events, each its card's next, in topic order. */
  default void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException {
    for (EventEnvelope event : events) {
      apply(connection, event);
    }
  }

  /** A service's change of several events at once, equal to applying them one at a time. */
  @FunctionalInterface
  interface Batch {
    void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException;
  }

  /** The change {@code one} whose poll's events are applied by {@code all}. */
  static CardEventChange of(CardEventChange one, Batch all) {
    return new CardEventChange() {
      @Override
      public void apply(Connection connection, EventEnvelope event) throws SQLException {
        one.apply(connection, event);
      }

      @Override
      public void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException {
        all.applyAll(connection, events);
      }
    };
  }
}
