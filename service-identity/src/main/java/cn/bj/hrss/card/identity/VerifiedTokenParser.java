package cn.bj.hrss.card.identity;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The parser Quarkus checks every request's bearer token with (its {@code MpJwtValidator} calls
 * {@link #parse(String)}): smallrye-jwt's own {@link DefaultJWTParser}, whose verified tokens are
 * kept by the SHA-256 of the whole token until their own {@code exp} ({@link VerifiedTokens}, ADR
 * 32). A token that differs in any byte is verified afresh, so a tampered one is refused as before;
 * issuer, audience and maximum age (ADR 16, 21) are properties of the token's bytes and were
 * checked when it was first verified.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenParser implements JWTParser {

  private final DefaultJWTParser verifier;
  private final VerifiedTokens<JsonWebToken> tokens;

  VerifiedTokenParser(
      DefaultJWTParser verifier,
      @ConfigProperty(name = "suite.jwt.verified-tokens", defaultValue = "10000") int kept) {
    this.verifier = verifier;
    this.tokens = new VerifiedTokens<>(kept, Clock.systemUTC());
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    return tokens.verified(
        token, verifier::parse, jwt -> Instant.ofEpochSecond(jwt.getExpirationTime()));
  }

  /** How many verified tokens are kept now. */
  public int kept() {
    return tokens.size();
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return verifier.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return verifier.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return verifier.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return verifier.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return verifier.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return verifier.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return verifier.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return verifier.parseOnly(token);
  }
}
