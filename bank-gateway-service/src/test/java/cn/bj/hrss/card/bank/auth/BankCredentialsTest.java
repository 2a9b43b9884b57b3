package cn.bj.hrss.card.bank.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.bank.auth.BankCredentials.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each bank's own key, configured as a hash only; anything else is nobody. */
class BankCredentialsTest {

  private static final BankCredentials CREDENTIALS =
      new BankCredentials(
          Optional.of(
              "ICBC:"
                  + BankCredentials.sha256Hex("icbc-secret")
                  + ", CCB:"
                  + BankCredentials.sha256Hex("ccb-secret")),
          Optional.of(BankCredentials.sha256Hex("operator-secret")));

  private static String basic(String user, String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_bank_is_recognised_by_its_own_key_only() {
    assertEquals(
        Optional.of(new Caller("ICBC", false)),
        CREDENTIALS.authenticate(basic("ICBC", "icbc-secret")));
    assertTrue(CREDENTIALS.authenticate(basic("ICBC", "ccb-secret")).isEmpty());
    assertTrue(CREDENTIALS.authenticate(basic("CCB", "icbc-secret")).isEmpty());
    assertTrue(CREDENTIALS.authenticate(basic("BOC", "icbc-secret")).isEmpty());
  }

  @Test
  void no_header_a_malformed_one_or_another_scheme_is_nobody() {
    assertTrue(CREDENTIALS.authenticate(null).isEmpty());
    assertTrue(CREDENTIALS.authenticate("Basic !!!").isEmpty());
    assertTrue(CREDENTIALS.authenticate("Bearer icbc-secret").isEmpty());
    assertTrue(
        CREDENTIALS
            .authenticate("Basic " + Base64.getEncoder().encodeToString("ICBC".getBytes()))
            .isEmpty());
  }

  @Test
  void the_operator_has_a_key_of_its_own() {
    assertEquals(
        Optional.of(new Caller("operator", true)),
        CREDENTIALS.authenticate(basic("operator", "operator-secret")));
    assertTrue(CREDENTIALS.authenticate(basic("operator", "icbc-secret")).isEmpty());
  }

  @Test
  void a_configuration_that_is_not_a_list_of_hashes_stops_the_service() {
    assertThrows(IllegalArgumentException.class, () -> BankCredentials.parse("ICBC:secret"));
    assertThrows(
        IllegalArgumentException.class, () -> BankCredentials.parse("icbc:" + "0".repeat(64)));
    assertThrows(
        IllegalArgumentException.class,
        () -> BankCredentials.parse("ICBC:" + "0".repeat(64) + ",ICBC:" + "1".repeat(64)));
    assertEquals(0, BankCredentials.parse(" ").size());
  }
}
