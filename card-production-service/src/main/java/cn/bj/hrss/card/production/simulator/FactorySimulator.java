package cn.bj.hrss.card.production.simulator;

import cn.bj.hrss.card.production.factory.FactoryReports;
import cn.bj.hrss.card.production.factory.ReportLine;
import cn.bj.hrss.card.production.order.ProductionOrder;
import cn.bj.hrss.card.relay.BackgroundLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A card factory for the local run and the demo, never for production: every round it takes the
 * open orders with the earliest deadlines and reports them, as a bank's card bureau would, through
 * the same report intake a real factory uses: produced and dispatched (by the method the holder
 * chose), or, at the configured rate, failed (the order then waits to be produced again). With a
 * speed above the rate of new applications, every card is produced within its deadline.
 */
@ApplicationScoped
public class FactorySimulator {

  /**
   * How the simulated factory works.
   *
   * @param cardsPerRound how many orders one round takes
   * @param failureRate the share of productions that fail, 0.0 to 1.0
   * @param banks only these banks' orders; empty for every bank
   * @param retryAfter how long an order is left alone after a report about it
   */
  public record Settings(
      int cardsPerRound, double failureRate, List<String> banks, Duration retryAfter) {}

  private static final Logger LOG = Logger.getLogger(FactorySimulator.class);

  private final DataSource dataSource;
  private final FactoryReports reports;
  private final boolean enabled;
  private final Settings settings;
  private final BackgroundLoop loop;

  FactorySimulator(
      DataSource dataSource,
      FactoryReports reports,
      @ConfigProperty(name = "factory-simulator.enabled") boolean enabled,
      @ConfigProperty(name = "factory-simulator.interval") Duration interval,
      @ConfigProperty(name = "factory-simulator.cards-per-round") int cardsPerRound,
      @ConfigProperty(name = "factory-simulator.failure-rate") double failureRate,
      @ConfigProperty(name = "factory-simulator.banks") Optional<List<String>> banks,
      @ConfigProperty(name = "factory-simulator.retry-after") Duration retryAfter) {
    this.dataSource = dataSource;
    this.reports = reports;
    this.enabled = enabled;
    this.settings = new Settings(cardsPerRound, failureRate, banks.orElse(List.of()), retryAfter);
    this.loop = new BackgroundLoop("factory-simulator", interval, () -> round(settings) > 0);
  }

  void start(@Observes StartupEvent startup) {
    if (enabled) {
      LOG.warnf("the factory simulator is on (%s): cards are produced without any bank", settings);
      loop.start();
    }
  }

  void stop(@Observes ShutdownEvent shutdown) {
    loop.close();
  }

  /**
   * One round of the simulated factory.
   *
   * @return how many orders it reported on
   */
  public int round(Settings settings) throws SQLException {
    Map<String, List<ReportLine>> linesByFactory = new LinkedHashMap<>();
    int orders = 0;
    for (OpenOrder order : openOrders(settings)) {
      List<ReportLine> lines =
          linesByFactory.computeIfAbsent(factoryOf(order.bankCode()), f -> new ArrayList<>());
      if (ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
        lines.add(
            new ReportLine(
                null,
                order.cardId(),
                "PRODUCTION_FAILED",
                null,
                "simulated: chip personalisation failed",
                null,
                null,
                null));
      } else {
        lines.add(
            new ReportLine(
                null,
                order.cardId(),
                "PRODUCED",
                cardNumber(order.cardId()),
                null,
                null,
                null,
                null));
        lines.add(
            new ReportLine(
                null,
                order.cardId(),
                "DISPATCHED",
                null,
                null,
                order.collectionMethod(),
                "MAIL".equals(order.collectionMethod()) ? trackingNumber(order.cardId()) : null,
                order.outletName()));
      }
      orders++;
    }
    for (Map.Entry<String, List<ReportLine>> factory : linesByFactory.entrySet()) {
      reports.receive(factory.getKey(), factory.getValue());
    }
    return orders;
  }

  /** What a bank's code is followed by in the id of its simulated card bureau. */
  static final String SUFFIX = "-card-bureau-simulator";

  /**
   * The simulated card bureau of a bank. It works on the orders assigned to it (S-FACTORY-1: every
   * bank's cards are assigned to it from the start, V5__factory_assignment).
   */
  public static String factoryOf(String bankCode) {
    return bankCode + SUFFIX;
  }

  /** A 9-character card number, [0-9A-Z]{9}, derived from the card id: "S" and 8 base-36 digits. */
  static String cardNumber(String cardId) {
    long hash =
        UUID.nameUUIDFromBytes(cardId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    long value = Math.floorMod(hash, 2_821_109_907_456L); // 36^8
    String digits = Long.toString(value, 36).toUpperCase(Locale.ROOT);
    return "S" + "0".repeat(8 - digits.length()) + digits;
  }

  /** An SF Express number ({@code SF} and 13 digits, a carrier's format), stable per card. */
  static String trackingNumber(String cardId) {
    long hash =
        UUID.nameUUIDFromBytes(cardId.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits();
    return "SF" + String.format("%013d", Math.floorMod(hash, 10_000_000_000_000L));
  }

  private record OpenOrder(
      String cardId, String bankCode, String collectionMethod, String outletName) {}

  /**
   * Open orders assigned to their bank's simulated bureau, earliest deadline first, that have no
   * report waiting, no produced or dispatched report that was not refused, and no report in the
   * last {@code retryAfter}.
   */
  private List<OpenOrder> openOrders(Settings settings) throws SQLException {
    String sql =
        "SELECT o.card_id, o.bank_code, o.collection_method, o.outlet_name FROM production_order o"
            + " WHERE o.status IN "
            + ProductionOrder.OPEN_STATUSES
            + (settings.banks().isEmpty() ? "" : " AND o.bank_code = ANY (?)")
            + " AND o.factories @> ARRAY[CAST(o.bank_code || '"
            + SUFFIX
            + "' AS varchar)]"
            + " AND NOT EXISTS (SELECT 1 FROM factory_report r WHERE r.card_id = o.card_id"
            + " AND (r.state = 'PENDING'"
            + " OR (r.kind IN ('PRODUCED', 'DISPATCHED') AND r.state <> 'REFUSED')"
            + " OR r.received_at > now() - CAST(? AS double precision) * interval '1 millisecond'))"
            + " ORDER BY o.due_date NULLS LAST, o.card_id LIMIT ?";
    List<OpenOrder> orders = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int i = 1;
      if (!settings.banks().isEmpty()) {
        select.setArray(i++, connection.createArrayOf("varchar", settings.banks().toArray()));
      }
      select.setLong(i++, settings.retryAfter().toMillis());
      select.setInt(i, settings.cardsPerRound());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          orders.add(
              new OpenOrder(
                  row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
        }
      }
    }
    return orders;
  }
}
