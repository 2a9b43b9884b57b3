package cn.bj.hrss.card.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  /** A principal: the token it was verified from and its expiry. */
  record Principal(String token, Instant exp) {}

  /** Accepts the tokens it was told are genuine, refuses every other; counts what it verified. */
  static final class Issuer {
    final List<String> verifications = new ArrayList<>();
    final java.util.Map<String, Instant> genuine = new java.util.HashMap<>();

    Principal verify(String token) {
      verifications.add(token);
      Instant exp = genuine.get(token);
      if (exp == null) {
        throw new SecurityException("signature does not verify");
      }
      return new Principal(token, exp);
    }
  }

  private static VerifiedTokens<Principal> tokens(int max, Instant now) {
    return new VerifiedTokens<>(max, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void the_same_token_is_verified_once_until_it_expires() {
    Issuer issuer = new Issuer();
    issuer.genuine.put("h.claims.sig", NOW.plusSeconds(60));
    VerifiedTokens<Principal> tokens = tokens(10, NOW);

    Principal first = tokens.verified("h.claims.sig", issuer::verify, Principal::exp);
    Principal second = tokens.verified("h.claims.sig", issuer::verify, Principal::exp);

    assertSame(first, second);
    assertEquals(1, issuer.verifications.size());
  }

  @Test
  void a_tampered_token_is_verified_and_refused_although_the_genuine_one_is_kept() {
    Issuer issuer = new Issuer();
    issuer.genuine.put("h.claims.sig", NOW.plusSeconds(60));
    VerifiedTokens<Principal> tokens = tokens(10, NOW);
    tokens.verified("h.claims.sig", issuer::verify, Principal::exp);

    for (String tampered :
        List.of("h.claims.sih", "h.claimz.sig", "g.claims.sig", "h.claims.sig.")) {
      assertThrows(
          SecurityException.class,
          () -> tokens.verified(tampered, issuer::verify, Principal::exp),
          tampered);
    }
    assertEquals(5, issuer.verifications.size());
  }

  @Test
  void a_kept_token_is_never_served_at_or_after_its_expiry() {
    Issuer issuer = new Issuer();
    issuer.genuine.put("t", NOW.plusSeconds(60));
    MutableClock clock = new MutableClock(NOW);
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(10, clock);
    tokens.verified("t", issuer::verify, Principal::exp);
    clock.now = NOW.plusSeconds(59);
    tokens.verified("t", issuer::verify, Principal::exp);
    assertEquals(1, issuer.verifications.size());

    // At the expiry the verifier decides again (a real one refuses an expired token), and a token
    // verified at or after its expiry is not kept.
    clock.now = NOW.plusSeconds(60);
    tokens.verified("t", issuer::verify, Principal::exp);
    assertEquals(2, issuer.verifications.size());
    assertEquals(0, tokens.size());
  }

  @Test
  void at_most_max_entries_are_kept() {
    Issuer issuer = new Issuer();
    VerifiedTokens<Principal> tokens = tokens(3, NOW);
    for (int i = 0; i < 10; i++) {
      issuer.genuine.put("t" + i, NOW.plusSeconds(60));
      tokens.verified("t" + i, issuer::verify, Principal::exp);
      assertTrue(tokens.size() <= 3, "kept " + tokens.size());
    }
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
