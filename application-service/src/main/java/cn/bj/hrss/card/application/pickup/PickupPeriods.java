package cn.bj.hrss.card.application.pickup;

import cn.bj.hrss.card.application.card.domain.PickupPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The pickup period in force (S-PICKUP-1), table {@code pickup_period}: one row, kept by operators.
 */
@ApplicationScoped
public class PickupPeriods {

  /** The period with who set it last and when. */
  public record InForce(int days, int reminderDaysBefore, String updatedBy, Instant updatedAt) {

    public PickupPeriod period() {
      return new PickupPeriod(days, reminderDaysBefore);
    }
  }

  private final DataSource dataSource;

  PickupPeriods(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public InForce current() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement(
                "SELECT days, reminder_days_before, updated_by, updated_at FROM pickup_period"
                    + " WHERE id = 1");
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        PickupPeriod shipped = PickupPeriod.DEFAULT;
        return new InForce(shipped.days(), shipped.reminderDaysBefore(), "shipped", null);
      }
      return new InForce(
          row.getInt(1), row.getInt(2), row.getString(3), row.getTimestamp(4).toInstant());
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the pickup period", e);
    }
  }

  /** Sets the period (checked: 1..365 days, the reminder inside it). */
  public InForce set(PickupPeriod period, String operatorId) {
    period.checked();
    try (Connection c = dataSource.getConnection();
        PreparedStatement upsert =
            c.prepareStatement(
                "INSERT INTO pickup_period (id, days, reminder_days_before, updated_by, updated_at)"
                    + " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET days = EXCLUDED.days,"
                    + " reminder_days_before = EXCLUDED.reminder_days_before,"
                    + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")) {
      upsert.setInt(1, period.days());
      upsert.setInt(2, period.reminderDaysBefore());
      upsert.setString(3, operatorId);
      upsert.setTimestamp(4, Timestamp.from(Instant.now()));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not set the pickup period", e);
    }
    return current();
  }
}
