package cn.bj.hrss.card.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keys for the bank gateway's interim HTTP Basic credentials (ADR 10), made fresh for each local
 * run or test run: nothing is committed. The gateway is given only their SHA-256 hashes.
 */
public final class BankKeys {

  /** The cooperating banks of the sample (FACTS.md). */
  public static final List<String> BANKS =
      List.of(
          "ICBC", "ABC", "BOC", "CCB", "BOCOM", "BOB", "HXB", "BJRCB", "CITIC", "CEB", "CMBC",
          "CGB", "CMB", "SPDB", "PSBC");

  private final Map<String, String> keys;
  private final String operatorKey;

  private BankKeys(Map<String, String> keys, String operatorKey) {
    this.keys = keys;
    this.operatorKey = operatorKey;
  }

  public static BankKeys generate() {
    SecureRandom random = new SecureRandom();
    Map<String, String> keys = new LinkedHashMap<>();
    BANKS.forEach(bank -> keys.put(bank, randomKey(random)));
    return new BankKeys(keys, randomKey(random));
  }

  private static String randomKey(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public String keyOf(String bank) {
    return keys.get(bank);
  }

  public String operatorKey() {
    return operatorKey;
  }

  /**
   * The environment the services read: bank-gateway-service gets hashes only; application-service
   * gets the operators' key, with which its reconciliation reads the bank gateway's projection.
   */
  public Map<String, String> environment() {
    return Map.of(
        "SUITE_BANK_CREDENTIALS",
        keys.entrySet().stream()
            .map(e -> e.getKey() + ":" + sha256(e.getValue()))
            .collect(Collectors.joining(",")),
        "SUITE_BANK_GATEWAY_OPERATOR_CREDENTIAL",
        sha256(operatorKey),
        "SUITE_BANK_GATEWAY_OPERATOR_KEY",
        operatorKey);
  }

  /** The keys as lines "BANK key", for the person running the suite locally. */
  public String asText() {
    StringBuilder text = new StringBuilder("operator " + operatorKey + "\n");
    keys.forEach((bank, key) -> text.append(bank).append(' ').append(key).append('\n'));
    return text.toString();
  }

  static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
