package cn.bj.hrss.card.production.overdue;

import cn.bj.hrss.card.consumer.Jdbc;
import cn.bj.hrss.card.production.order.ProductionOrder;
import cn.bj.hrss.card.production.order.ProductionOrderQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Records an overdue alert for every open order past its deadline (R-SLA-1..5; a period ends at
 * 24:00 of its last day): one per order, ever. The alert's id is derived from the card id and the
 * table's card id is unique, so neither a restart, nor two instances, nor a second round can fire
 * it twice. Publication is the {@link AlertRelay}'s job (outbox).
 */
@ApplicationScoped
public class OverdueAlerts {

  private static final Logger LOG = Logger.getLogger(OverdueAlerts.class);

  private final DataSource dataSource;
  private final ProductionOrderQueries orders;
  private final Clock clock;

  OverdueAlerts(DataSource dataSource, ProductionOrderQueries orders, Clock clock) {
    this.dataSource = dataSource;
    this.orders = orders;
    this.clock = clock;
  }

  /** The stable id of an order's overdue alert; consumers deduplicate on it. */
  public static String alertId(String cardId) {
    return "overdue-" + cardId;
  }

  /**
   * Records the alerts of orders that became overdue since the last round.
   *
   * @return how many alerts were recorded
   */
  public int detect() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      int recorded =
          Jdbc.update(
              connection,
              "INSERT INTO production_overdue_alert (alert_id, card_id, bank_code, due_date,"
                  + " detected_at)"
                  + " SELECT 'overdue-' || o.card_id, o.card_id, o.bank_code, o.due_date, ?"
                  + " FROM production_order o"
                  + " WHERE o.status IN "
                  + ProductionOrder.OPEN_STATUSES
                  + " AND o.due_date < ?"
                  + " AND NOT EXISTS (SELECT 1 FROM production_overdue_alert a"
                  + " WHERE a.card_id = o.card_id)"
                  + " ON CONFLICT DO NOTHING",
              Timestamp.from(clock.instant()),
              Date.valueOf(orders.today()));
      if (recorded > 0) {
        LOG.infof("%d production order(s) became overdue as of %s", recorded, orders.today());
      }
      return recorded;
    }
  }
}
