package cn.bj.hrss.card.notification.patterns;

import static cn.bj.hrss.card.consumer.Jdbc.instant;

import cn.bj.hrss.card.notification.sms.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Patterns worth an operator's look, from the projection: many applications sharing one mobile or
 * one delivery address (an address is compared by its keyed hash, never kept in clear), and a
 * person who applied again with another mobile, or a card whose mobile was changed (S-MOBILE-1),
 * shortly before the card was mailed. Mobiles and addresses are masked; the card ids lead to the
 * details in application-service.
 */
@ApplicationScoped
public class SuspiciousPatterns {

  private static final int MAX_ROWS = 100;
  private static final int MAX_CARDS = 20;

  /** Cards whose notices all go to one mobile. */
  public record SharedMobile(String mobile, int cards, List<String> cardIds) {}

  /** Cards delivered to one address. */
  public record SharedAddress(String address, int cards, List<String> cardIds) {}

  /**
   * The card's notices went to another mobile shortly before the card was mailed: {@code how}
   * NEW_APPLICATION (the person applied again with another mobile; {@code previousCardId} is the
   * earlier card) or MOBILE_NUMBER_CHANGED (S-MOBILE-1: the card's own number was changed; {@code
   * previousCardId} is the card itself).
   */
  public record MobileChangedBeforeMail(
      String how,
      String cardId,
      String previousCardId,
      String previousMobile,
      String newMobile,
      Instant changedAt,
      Instant dispatchedAt) {}

  /** Everything worth a look now. */
  public record Report(
      List<SharedMobile> sharedMobiles,
      List<SharedAddress> sharedAddresses,
      List<MobileChangedBeforeMail> mobileChangedBeforeMail) {}

  private final DataSource dataSource;
  private final int mobileThreshold;
  private final int addressThreshold;
  private final Duration changeWindow;

  SuspiciousPatterns(
      DataSource dataSource,
      @ConfigProperty(name = "notification.patterns.shared-mobile-threshold") int mobileThreshold,
      @ConfigProperty(name = "notification.patterns.shared-address-threshold") int addressThreshold,
      @ConfigProperty(name = "notification.patterns.mobile-change-window") Duration changeWindow) {
    this.dataSource = dataSource;
    this.mobileThreshold = mobileThreshold;
    this.addressThreshold = addressThreshold;
    this.changeWindow = changeWindow;
  }

  public Report report() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      List<SharedMobile> mobiles = new ArrayList<>();
      for (Group group : groups(connection, "mobile", "mobile", mobileThreshold)) {
        mobiles.add(new SharedMobile(Masking.mobile(group.shown()), group.cards(), group.ids()));
      }
      List<SharedAddress> addresses = new ArrayList<>();
      for (Group group : groups(connection, "address_key", "address_masked", addressThreshold)) {
        addresses.add(new SharedAddress(group.shown(), group.cards(), group.ids()));
      }
      return new Report(mobiles, addresses, mobileChanges(connection));
    }
  }

  private record Group(String shown, int cards, List<String> ids) {}

  private static List<Group> groups(Connection connection, String key, String shown, int threshold)
      throws SQLException {
    List<Group> groups = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT min("
                + shown
                + ") AS shown, count(*) AS cards,"
                + " (array_agg(card_id ORDER BY requested_at DESC))[1:"
                + MAX_CARDS
                + "] AS ids FROM card_contact WHERE "
                + key
                + " IS NOT NULL AND "
                + key
                + " <> '' GROUP BY "
                + key
                + " HAVING count(*) >= ? ORDER BY cards DESC LIMIT "
                + MAX_ROWS)) {
      statement.setInt(1, threshold);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Array ids = row.getArray("ids");
          groups.add(
              new Group(
                  row.getString("shown"),
                  row.getInt("cards"),
                  Arrays.asList((String[]) ids.getArray())));
        }
      }
    }
    return groups;
  }

  private List<MobileChangedBeforeMail> mobileChanges(Connection connection) throws SQLException {
    List<MobileChangedBeforeMail> changes = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT mc.*, c.dispatched_at FROM mobile_change mc"
                + " JOIN card_contact c ON c.card_id = mc.card_id"
                + " WHERE c.dispatch_method = 'MAIL' AND c.dispatched_at IS NOT NULL"
                + " AND c.dispatched_at >= mc.changed_at"
                + " AND c.dispatched_at <= mc.changed_at + (? * interval '1 second')"
                + " ORDER BY c.dispatched_at DESC LIMIT "
                + MAX_ROWS)) {
      statement.setLong(1, changeWindow.toSeconds());
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          changes.add(
              new MobileChangedBeforeMail(
                  "application".equals(row.getString("event_key"))
                      ? "NEW_APPLICATION"
                      : "MOBILE_NUMBER_CHANGED",
                  row.getString("card_id"),
                  row.getString("previous_card_id"),
                  Masking.mobile(row.getString("previous_mobile")),
                  Masking.mobile(row.getString("new_mobile")),
                  instant(row, "changed_at"),
                  instant(row, "dispatched_at")));
        }
      }
    }
    return changes;
  }
}
