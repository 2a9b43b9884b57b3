package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.devidentity.DevTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A token of a run's own development issuer that {@link DevTokens} does not make: one issued long
 * ago that has not expired yet (a stolen token kept for a day, say). Signed with the run's private
 * key, which {@link SuiteTokens} keeps beside the public key the services read, so the signature,
 * the issuer and the audience are all genuine: only its age is wrong.
 */
final class AgedTokens {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private AgedTokens() {}

  /**
   * @param keyDirectory where the run's {@code private-key.pem} is
   * @param age how long ago it was issued ({@code iat})
   * @param stillValid how long it has left before {@code exp}
   */
  static String issuedAgo(
      Path keyDirectory, String role, String subject, Duration age, Duration stillValid) {
    Instant now = Instant.now();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", DevTokens.ISSUER);
    claims.put("sub", subject);
    claims.putArray("groups").add(role);
    var audience = claims.putArray("aud");
    DevTokens.SUITE_AUDIENCES.forEach(audience::add);
    claims.put("iat", now.minus(age).getEpochSecond());
    claims.put("exp", now.plus(stillValid).getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey(keyDirectory.resolve("private-key.pem")));
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not sign with the run's key in " + keyDirectory, e);
    }
  }

  private static String encode(Object json) {
    return URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
