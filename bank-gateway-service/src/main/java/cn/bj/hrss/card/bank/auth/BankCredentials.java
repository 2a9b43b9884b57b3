package cn.bj.hrss.card.bank.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who is calling: HTTP Basic with the bank code as user name and the bank's own secret key as
 * password, or {@code operator} and the operators' key. Only the SHA-256 of each key is configured
 * ({@code bank-gateway.credentials=ICBC:<hex>,CCB:<hex>}, {@code
 * bank-gateway.operator-credential=<hex>}); keys are random (at least 128 bits), so a fast hash is
 * enough, and comparison takes the same time whatever matches. An interim scheme until signed
 * tokens (issue 8, ADR 10). Keys and the Authorization header are never logged.
 */
@ApplicationScoped
public class BankCredentials {

  /** The authenticated caller: a bank (by its code) or an operator. */
  public record Caller(String name, boolean operator) {}

  public static final String OPERATOR = "operator";

  private static final Logger LOG = Logger.getLogger(BankCredentials.class);
  private static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final byte[] NO_MATCH = new byte[32];

  private final Map<String, byte[]> banks;
  private final byte[] operator;

  BankCredentials(
      @ConfigProperty(name = "bank-gateway.credentials") Optional<String> banks,
      @ConfigProperty(name = "bank-gateway.operator-credential") Optional<String> operator) {
    this.banks = parse(banks.orElse(""));
    this.operator = operator.map(h -> hash("operator credential", h)).orElse(null);
    if (this.banks.isEmpty()) {
      LOG.warn("no bank credentials configured (bank-gateway.credentials): every bank is refused");
    } else {
      LOG.infof(
          "credentials configured for %d bank(s): %s", this.banks.size(), this.banks.keySet());
    }
  }

  /**
   * Reads {@code CODE:sha256hex,CODE:sha256hex}.
   *
   * @throws IllegalArgumentException naming the faulty entry's bank, so the service does not start
   */
  static Map<String, byte[]> parse(String list) {
    Map<String, byte[]> parsed = new LinkedHashMap<>();
    for (String entry : list.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String bank = colon < 0 ? entry.trim() : entry.substring(0, colon).trim();
      if (colon < 0 || !BANK_CODE.matcher(bank).matches()) {
        throw new IllegalArgumentException(
            "bank-gateway.credentials: each entry is BANKCODE:sha256hex; bad entry for '"
                + bank
                + "'");
      }
      if (parsed.put(bank, hash("credential of " + bank, entry.substring(colon + 1))) != null) {
        throw new IllegalArgumentException("bank-gateway.credentials: " + bank + " given twice");
      }
    }
    return parsed;
  }

  private static byte[] hash(String what, String hex) {
    String value = hex.trim().toLowerCase();
    if (!SHA256_HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be a SHA-256 in 64 hex digits");
    }
    return HexFormat.of().parseHex(value);
  }

  /** The SHA-256 of a key, as configured: {@code printf %s KEY | sha256sum}. */
  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The banks that have credentials. */
  public Set<String> banks() {
    return banks.keySet();
  }

  /**
   * The caller of an {@code Authorization: Basic ...} header, if its name and key match.
   *
   * @return empty when the header is absent, malformed or the key does not match
   */
  public Optional<Caller> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String name = decoded.substring(0, colon);
    byte[] expected = OPERATOR.equals(name) ? operator : banks.get(name);
    byte[] given = sha256(decoded.substring(colon + 1));
    boolean matches = MessageDigest.isEqual(expected == null ? NO_MATCH : expected, given);
    if (expected == null || !matches) {
      return Optional.empty();
    }
    return Optional.of(new Caller(name, OPERATOR.equals(name)));
  }
}
