package cn.bj.hrss.card.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, each kept until its own expiry (issue 19 item 3, ADR 32): a service
 * checks a token's RS256 signature and claims once, and a later request with the very same token
 * reuses the verified principal instead of checking it again. The key is the SHA-256 of the whole
 * token (header, claims and signature), so a token that differs in any byte, a tampered one
 * included, is not found and is verified afresh (and refused). An entry is never served at or after
 * the token's {@code exp}; at most {@code maxEntries} are kept (beyond that the expired ones go,
 * and if none has, all of them: the next requests verify again).
 *
 * @param <P> the verified principal
 */
public final class VerifiedTokens<P> {

  /** What verifies a token: its signature and claims; throws when the token is refused. */
  @FunctionalInterface
  public interface Verifier<P, E extends Exception> {
    P verify(String token) throws E;
  }

  private record Entry<P>(P principal, Instant expiresAt) {}

  private final Map<String, Entry<P>> verified = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final Clock clock;

  public VerifiedTokens(int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * The principal of {@code token}: as verified before if that was this very token and it has not
   * expired, else as {@code verifier} verifies it now; {@code expiresAt} reads a verified token's
   * expiry (null: not kept).
   */
  public <E extends Exception> P verified(
      String token, Verifier<P, E> verifier, java.util.function.Function<P, Instant> expiresAt)
      throws E {
    String key = sha256(token);
    Instant now = clock.instant();
    Entry<P> kept = verified.get(key);
    if (kept != null) {
      if (now.isBefore(kept.expiresAt())) {
        return kept.principal();
      }
      verified.remove(key, kept);
    }
    P principal = verifier.verify(token);
    Instant expiry = expiresAt.apply(principal);
    if (expiry != null && now.isBefore(expiry)) {
      if (verified.size() >= maxEntries) {
        makeRoom(now);
      }
      verified.put(key, new Entry<>(principal, expiry));
    }
    return principal;
  }

  /** How many tokens are kept now. */
  public int size() {
    return verified.size();
  }

  private void makeRoom(Instant now) {
    verified.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
    if (verified.size() >= maxEntries) {
      verified.clear();
    }
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
