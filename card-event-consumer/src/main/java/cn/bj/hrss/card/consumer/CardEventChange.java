package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A service's projection change for one card event, made on the caller's connection and in its
 * transaction (the connection's schema decides which copy is written). The caller keeps the card's
 * position ({@link CardEventPositions}) and calls it only for the card's next event: the live
 * consumer claims the position in the same transaction, a rebuild keeps its copy's positions per
 * poll.
 */
@FunctionalInterface
public interface CardEventChange {
  void apply(Connection connection, EventEnvelope event) throws SQLException;
}
