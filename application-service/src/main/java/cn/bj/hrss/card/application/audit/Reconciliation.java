package cn.bj.hrss.card.application.audit;

import cn.bj.hrss.card.identity.ServiceToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Compares every consumer service's projection with the event store, on demand: the store's last
 * sequence per card against the position each service applied ({@code GET /projection/positions},
 * both in card id order, merged in one pass), the cards per latest event in the store against each
 * service's counts per status ({@code GET /projection/summary}), and each service's lag. A card is
 * behind while its events are on their way (the lag says how many are); a card missing for good, or
 * a service ahead of the store or knowing a card the store does not, needs an operator.
 */
@ApplicationScoped
public class Reconciliation {

  private static final Logger LOG = Logger.getLogger(Reconciliation.class);

  /** One card that differs: its last sequence in the store and in the service (null: absent). */
  public record Difference(String cardId, Long store, Long service) {}

  /** How one service compares; {@code consistent} is worked out from the rest. */
  public record ServiceReport(
      String service,
      String error,
      Long lag,
      Long cards,
      Map<String, Long> countsPerStatus,
      long inStep,
      long behind,
      long missing,
      long ahead,
      long unknownToStore,
      List<Difference> differences,
      boolean differencesCut,
      boolean consistent) {
    public ServiceReport {
      consistent =
          error == null && behind == 0 && missing == 0 && ahead == 0 && unknownToStore == 0;
    }
  }

  /** The whole report. */
  public record Report(
      Instant generatedAt,
      long storeCards,
      long storeEvents,
      Map<String, Long> storeCardsPerLatestEvent,
      List<ServiceReport> services,
      boolean consistent) {}

  private final DataSource dataSource;
  private final Map<String, String> services = new LinkedHashMap<>();
  private final ServiceToken serviceToken;
  private final int maxListed;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  Reconciliation(
      DataSource dataSource,
      @ConfigProperty(name = "reconciliation.card-production-url") String cardProduction,
      @ConfigProperty(name = "reconciliation.bank-gateway-url") String bankGateway,
      @ConfigProperty(name = "reconciliation.notification-url") String notification,
      @ConfigProperty(name = "suite.service-token-file") Optional<String> serviceTokenFile,
      @ConfigProperty(name = "reconciliation.max-listed", defaultValue = "1000") int maxListed) {
    this.dataSource = dataSource;
    services.put("card-production-service", cardProduction);
    services.put("bank-gateway-service", bankGateway);
    services.put("notification-service", notification);
    this.serviceToken = ServiceToken.fromFile(serviceTokenFile);
    this.maxListed = maxListed;
  }

  public Report run() throws SQLException {
    long cards;
    long events;
    Map<String, Long> perLatestEvent = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet row =
          statement.executeQuery(
              "SELECT count(DISTINCT aggregate_identifier), count(*) FROM domain_event_entry")) {
        row.next();
        cards = row.getLong(1);
        events = row.getLong(2);
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT payload_type, count(*) FROM (SELECT DISTINCT ON (aggregate_identifier)"
                  + " payload_type FROM domain_event_entry"
                  + " ORDER BY aggregate_identifier, sequence_number DESC) latest"
                  + " GROUP BY payload_type ORDER BY payload_type")) {
        while (rows.next()) {
          perLatestEvent.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    List<ServiceReport> reports = new ArrayList<>();
    for (Map.Entry<String, String> service : services.entrySet()) {
      reports.add(compare(service.getKey(), service.getValue()));
    }
    boolean consistent = reports.stream().allMatch(ServiceReport::consistent);
    LOG.infof(
        "reconciliation: %d cards, %d events in the store; %s",
        cards,
        events,
        reports.stream()
            .map(
                r ->
                    r.service()
                        + (r.error() != null
                            ? " unreachable"
                            : " behind " + r.behind() + ", missing " + r.missing()))
            .toList());
    return new Report(Instant.now(), cards, events, perLatestEvent, reports, consistent);
  }

  private ServiceReport compare(String service, String baseUrl) {
    Map<String, Object> summary;
    try {
      summary = json.readValue(get(service, baseUrl + "/projection/summary"), Map.class);
    } catch (IOException | InterruptedException | RuntimeException e) {
      return unreachable(service, baseUrl, e);
    }
    Counter counter = new Counter();
    try (InputStream positions = get(service, baseUrl + "/projection/positions");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(positions, StandardCharsets.UTF_8));
        Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry"
                    + " GROUP BY aggregate_identifier ORDER BY aggregate_identifier COLLATE \"C\"")) {
      connection.setAutoCommit(false);
      statement.setFetchSize(5000);
      lines.readLine(); // header
      try (ResultSet store = statement.executeQuery()) {
        merge(store, lines, counter);
      }
      connection.rollback();
    } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
      return unreachable(service, baseUrl, e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) summary.get("countsPerStatus");
    Map<String, Long> perStatus = new LinkedHashMap<>();
    counts.forEach((status, n) -> perStatus.put(status, ((Number) n).longValue()));
    return new ServiceReport(
        service,
        null,
        ((Number) summary.get("lag")).longValue(),
        ((Number) summary.get("cards")).longValue(),
        perStatus,
        counter.inStep,
        counter.behind,
        counter.missing,
        counter.ahead,
        counter.unknown,
        counter.listed,
        counter.cut,
        true);
  }

  /**
   * Both sides in card id order (bytewise, as Java compares strings): a one-pass merge, so that
   * millions of cards need no memory.
   */
  private void merge(ResultSet store, BufferedReader service, Counter counter)
      throws SQLException, IOException {
    boolean storeHas = store.next();
    String line = service.readLine();
    while (storeHas || line != null) {
      String storeCard = storeHas ? store.getString(1) : null;
      String[] serviceRow = line == null ? null : line.split(",", 2);
      int order = !storeHas ? 1 : line == null ? -1 : storeCard.compareTo(serviceRow[0]);
      if (order < 0) {
        counter.missing++;
        counter.list(new Difference(storeCard, store.getLong(2), null));
        storeHas = store.next();
      } else if (order > 0) {
        counter.unknown++;
        counter.list(new Difference(serviceRow[0], null, Long.parseLong(serviceRow[1])));
        line = service.readLine();
      } else {
        long inStore = store.getLong(2);
        long inService = Long.parseLong(serviceRow[1]);
        if (inStore == inService) {
          counter.inStep++;
        } else {
          if (inService < inStore) {
            counter.behind++;
          } else {
            counter.ahead++;
          }
          counter.list(new Difference(storeCard, inStore, inService));
        }
        storeHas = store.next();
        line = service.readLine();
      }
    }
  }

  private final class Counter {
    long inStep;
    long behind;
    long missing;
    long ahead;
    long unknown;
    final List<Difference> listed = new ArrayList<>();
    boolean cut;

    void list(Difference difference) {
      if (listed.size() < maxListed) {
        listed.add(difference);
      } else {
        cut = true;
      }
    }
  }

  private InputStream get(String service, String url) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET();
    // application-service's own token: an auditor's, which reads every projection.
    serviceToken.authorization().ifPresent(value -> request.header("Authorization", value));
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static ServiceReport unreachable(String service, String url, Exception e) {
    LOG.warnf("reconciliation: could not read %s at %s: %s", service, url, e.toString());
    return new ServiceReport(
        service,
        "could not read " + url + ": " + e,
        null,
        null,
        Map.of(),
        0,
        0,
        0,
        0,
        0,
        List.of(),
        false,
        false);
  }
}
