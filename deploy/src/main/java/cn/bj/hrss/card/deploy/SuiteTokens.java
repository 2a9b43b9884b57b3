package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.identity.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The development token issuer of one local run or test run (ADR 16): a key pair made for the run
 * (nothing committed), the public key the services check tokens with, and the services' own tokens,
 * written to files that are renewed before they expire, as Kubernetes renews a projected token.
 * Anyone with the run's directory can sign a token for any role ({@code deploy/token.sh}): it is
 * the local run's stand-in for the bureau's identity provider.
 */
public final class SuiteTokens implements AutoCloseable {

  /** How long a service's token lasts; it is rewritten at a third of that. */
  static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofMinutes(30);

  /** The role of each service's own token: what it may do when it calls another service. */
  static final Map<String, String> SERVICE_ROLES =
      Map.of(
          "application-service", Roles.AUDITOR,
          "bank-gateway-service", Roles.BANK_GATEWAY_SERVICE,
          "card-production-service", Roles.CARD_PRODUCTION_SERVICE);

  private final DevTokens issuer;
  private final Path directory;
  private final ScheduledExecutorService renewal;

  private SuiteTokens(DevTokens issuer, Path directory) {
    this.issuer = issuer;
    this.directory = directory;
    this.renewal =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "service-token-renewal");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A new key pair in {@code directory}, the services' tokens, and their renewal. */
  public static SuiteTokens start(Path directory) {
    SuiteTokens tokens = new SuiteTokens(DevTokens.generate(), directory);
    tokens.issuer.writeTo(directory);
    tokens.writeServiceTokens();
    long every = SERVICE_TOKEN_LIFETIME.toSeconds() / 3;
    tokens.renewal.scheduleAtFixedRate(tokens::writeServiceTokens, every, every, TimeUnit.SECONDS);
    return tokens;
  }

  /** For a test run: the keys in a new temporary directory. */
  public static SuiteTokens startInTemporaryDirectory() {
    try {
      return start(Files.createTempDirectory("suite-jwt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DevTokens issuer() {
    return issuer;
  }

  /** A token for {@code subject} in {@code role} (a citizen's takes the ID number). */
  public String token(String role, String subject) {
    return role.equals(Roles.CITIZEN) ? issuer.citizen(subject) : issuer.token(role, subject);
  }

  /**
   * The {@code Authorization} header of a caller named as the events record actors: CITIZEN (with
   * the ID number as {@code subject}), EMPLOYER, BANK, CARD_FACTORY, OPERATOR, AUDITOR, ...
   */
  public String authorization(String actorRole, String subject) {
    return "Bearer " + issuer.forActor(actorRole, subject);
  }

  /**
   * The headers that name a caller to application-service as the events record actors ({@link
   * #authorization}). A card factory reaches application-service only as card-production-service
   * relays its reports (ADR 24): then they are that service's token and X-Actor-Role and X-Actor-Id
   * naming the factory, as its relay sends them.
   */
  public Map<String, String> applicationServiceHeaders(String actorRole, String subject) {
    if (!actorRole.equals("CARD_FACTORY")) {
      return Map.of("Authorization", authorization(actorRole, subject));
    }
    return Map.of(
        "Authorization",
        "Bearer " + issuer.token(Roles.CARD_PRODUCTION_SERVICE, "card-production-service"),
        "X-Actor-Role",
        "CARD_FACTORY",
        "X-Actor-Id",
        subject);
  }

  /**
   * What the services read: the public key's file (MicroProfile JWT's own variable) and where the
   * services' own tokens are ({@link ServiceProcesses} gives each its file).
   */
  public Map<String, String> environment() {
    return Map.of(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        directory.resolve("public-key.pem").toString(),
        ServiceProcesses.SERVICE_TOKEN_DIRECTORY,
        directory.toString());
  }

  private void writeServiceTokens() {
    SERVICE_ROLES.forEach(
        (service, role) -> {
          Path file = directory.resolve(service + ".token");
          Path next = directory.resolve(service + ".token.next");
          try {
            Files.writeString(next, issuer.token(role, service, SERVICE_TOKEN_LIFETIME));
            Files.move(
                next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public void close() {
    renewal.shutdownNow();
  }
}
