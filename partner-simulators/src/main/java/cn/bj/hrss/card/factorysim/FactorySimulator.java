package cn.bj.hrss.card.factorysim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A card factory for the local run and the drills, never for production: an outside party that uses
 * card-production-service's factory API exactly as a bank's card bureau would, with a factory token
 * of its own. Every round, for each bank it works for, the bureau {@code <BANK>-card-bureau-
 * simulator} (assigned to every bank from the start, card-production-service's V5) lists its open
 * orders ({@code GET /production-orders?status=ORDERED}, then {@code PRODUCTION_FAILED}: a factory
 * sees only the orders assigned to it, S-FACTORY-1) and reports them in one file ({@code POST
 * /factories/{factoryId}/reports}): produced and dispatched by the method the holder chose, or, at
 * the failure rate, failed.
 *
 * <p>An order it reported on is left alone for {@code retryAfter} (in memory). Each line carries a
 * reference made of the card, the kind and the order's failure count, so a simulator that reports
 * an order again before the earlier report was applied (after {@code retryAfter}, or after a
 * restart) sends the same facts under the same reference, which the intake answers with the stored
 * report: never a second one. A failed order comes back with a higher failure count, hence new
 * references.
 */
public final class FactorySimulator implements AutoCloseable {

  /** What a bank's code is followed by in the id of its simulated card bureau. */
  public static final String SUFFIX = "-card-bureau-simulator";

  /** The fifteen cooperating banks (FACTS.md), each with its simulated bureau. */
  public static final List<String> ALL_BANKS =
      List.of(
          "ICBC", "ABC", "BOC", "CCB", "BOCOM", "BOB", "HXB", "BJRCB", "CITIC", "CEB", "CMBC",
          "CGB", "CMB", "SPDB", "PSBC");

  private static final Logger LOG = Logger.getLogger(FactorySimulator.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How the simulated factory works.
   *
   * @param productionUrl card-production-service, e.g. {@code http://127.0.0.1:8082}
   * @param banks the banks whose simulated bureau it plays
   * @param interval the pause between rounds
   * @param cardsPerRound how many orders one round takes per bank
   * @param failureRate the share of productions that fail, 0.0 to 1.0
   * @param retryAfter how long an order it reported on is left alone
   */
  public record Settings(
      String productionUrl,
      List<String> banks,
      Duration interval,
      int cardsPerRound,
      double failureRate,
      Duration retryAfter) {

    /** Every bank, a round every 2 s of at most 20 orders per bank, 5 % failures, 10 s apart. */
    public static Settings of(String productionUrl) {
      return new Settings(
          productionUrl, ALL_BANKS, Duration.ofSeconds(2), 20, 0.05, Duration.ofSeconds(10));
    }

    public Settings withBanks(List<String> newBanks) {
      return new Settings(
          productionUrl, List.copyOf(newBanks), interval, cardsPerRound, failureRate, retryAfter);
    }

    public Settings withFailureRate(double rate) {
      return new Settings(productionUrl, banks, interval, cardsPerRound, rate, retryAfter);
    }

    public Settings withTiming(Duration newInterval, Duration newRetryAfter) {
      return new Settings(
          productionUrl, banks, newInterval, cardsPerRound, failureRate, newRetryAfter);
    }
  }

  private final Settings settings;
  private final BiFunction<String, String, String> tokens;
  private final Map<String, Instant> reportedAt = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService rounds =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "factory-simulator");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param tokens a signed token for a role and a subject: here role {@code card-factory} and the
   *     bureau's id
   */
  private FactorySimulator(Settings settings, BiFunction<String, String, String> tokens) {
    this.settings = settings;
    this.tokens = tokens;
  }

  /** A simulator that works only when {@link #round} is called. */
  public static FactorySimulator create(
      Settings settings, BiFunction<String, String, String> tokens) {
    return new FactorySimulator(settings, tokens);
  }

  /** Starts the rounds; {@link #close} stops them. */
  public static FactorySimulator start(
      Settings settings, BiFunction<String, String, String> tokens) {
    FactorySimulator simulator = create(settings, tokens);
    long pause = settings.interval().toMillis();
    simulator.rounds.scheduleWithFixedDelay(
        simulator::roundLogged, pause, pause, TimeUnit.MILLISECONDS);
    LOG.warning(
        "the factory simulator is on for "
            + settings.banks()
            + ": cards are produced without any bank");
    return simulator;
  }

  /** The simulated card bureau of a bank. */
  public static String factoryOf(String bankCode) {
    return bankCode + SUFFIX;
  }

  private void roundLogged() {
    try {
      round();
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING, "factory simulator round failed; next round in " + settings.interval(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One round: each bureau's open orders, reported in one file per bureau.
   *
   * @return how many orders were reported on
   */
  public int round() throws IOException, InterruptedException {
    int reported = 0;
    Instant forgotten = Instant.now().minus(settings.retryAfter());
    reportedAt.values().removeIf(at -> at.isBefore(forgotten));
    for (String bank : settings.banks()) {
      String factory = factoryOf(bank);
      String bearer = "Bearer " + tokens.apply("card-factory", factory);
      Instant now = Instant.now();
      List<JsonNode> open = new ArrayList<>();
      for (String status : List.of("ORDERED", "PRODUCTION_FAILED")) {
        for (JsonNode order : openOrders(bearer, bank, status, settings.cardsPerRound())) {
          Instant last = reportedAt.get(order.path("cardId").asText());
          boolean leftAlone = last != null && last.plus(settings.retryAfter()).isAfter(now);
          if (!leftAlone && open.size() < settings.cardsPerRound()) {
            open.add(order);
          }
        }
      }
      if (open.isEmpty()) {
        continue;
      }
      ArrayNode lines = JSON.createArrayNode();
      for (JsonNode order : open) {
        linesFor(order, lines);
      }
      ObjectNode file = JSON.createObjectNode();
      file.set("reports", lines);
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(
                      URI.create(settings.productionUrl() + "/factories/" + factory + "/reports"))
                  .header("Authorization", bearer)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(file))));
      if (answer.statusCode() != 202) {
        throw new IOException(
            factory
                + ": the report file was answered "
                + answer.statusCode()
                + " "
                + answer.body());
      }
      open.forEach(order -> reportedAt.put(order.path("cardId").asText(), now));
      reported += open.size();
    }
    return reported;
  }

  private List<JsonNode> openOrders(String bearer, String bank, String status, int limit)
      throws IOException, InterruptedException {
    if (limit <= 0) {
      return List.of();
    }
    String query =
        "?bankCode="
            + URLEncoder.encode(bank, StandardCharsets.UTF_8)
            + "&status="
            + status
            + "&limit="
            + limit;
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(
                    URI.create(settings.productionUrl() + "/production-orders" + query))
                .header("Authorization", bearer)
                .GET());
    if (answer.statusCode() != 200) {
      throw new IOException(
          bank + ": the open orders were answered " + answer.statusCode() + " " + answer.body());
    }
    List<JsonNode> orders = new ArrayList<>();
    JSON.readTree(answer.body()).path("orders").forEach(orders::add);
    return orders;
  }

  private void linesFor(JsonNode order, ArrayNode lines) {
    String cardId = order.path("cardId").asText();
    String attempt = cardId + "-" + order.path("failureCount").asInt();
    if (ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
      lines
          .addObject()
          .put("reference", "sim-" + attempt + "-F")
          .put("cardId", cardId)
          .put("kind", "PRODUCTION_FAILED")
          .put("reason", "simulated: chip personalisation failed");
      return;
    }
    lines
        .addObject()
        .put("reference", "sim-" + attempt + "-P")
        .put("cardId", cardId)
        .put("kind", "PRODUCED")
        .put("cardNumber", cardNumber(cardId));
    String method = order.path("collectionMethod").asText();
    ObjectNode dispatch =
        lines
            .addObject()
            .put("reference", "sim-" + attempt + "-D")
            .put("cardId", cardId)
            .put("kind", "DISPATCHED")
            .put("method", method);
    if ("MAIL".equals(method)) {
      dispatch.put("trackingNumber", trackingNumber(cardId));
    }
    if (order.hasNonNull("outletName")) {
      dispatch.put("outletName", order.path("outletName").asText());
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

  @Override
  public void close() {
    rounds.shutdownNow();
  }
}
