package cn.bj.hrss.card.devidentity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The development token issuer: an RSA key pair it generates itself (no key is ever committed) and
 * signed JWTs (RS256) for every role of the suite, for the local run, the tests and the benchmark.
 * The services only hold the public key and check each token's signature, issuer and expiry
 * (quarkus-smallrye-jwt). In production the same tokens come from the bureau's identity provider.
 *
 * <p>A token names its caller in {@code sub} (a citizen's ID number, an employer's or university's
 * organisation id, a bank's code, a factory's id, an operator's staff id, or a service's name) and
 * its one role in {@code groups}.
 */
public final class DevTokens {

  /** The issuer the services accept in the local run and the tests ({@code iss}). */
  public static final String ISSUER = "https://id.card.hrss.beijing.gov.cn/dev";

  /** How long a person's token lasts by default. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

  /**
   * The services a token is for ({@code aud}): each service accepts only a token that names it
   * (issue 16). The development issuer's tokens name all four, as an operator's console token does.
   */
  public static final List<String> SUITE_AUDIENCES =
      List.of(
          "application-service",
          "card-production-service",
          "bank-gateway-service",
          "notification-service");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static volatile DevTokens shared;

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private DevTokens(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A new issuer with a fresh 2048-bit RSA key pair. */
  public static DevTokens generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new DevTokens(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One issuer per JVM: the tests' services trust its public key. */
  public static DevTokens shared() {
    if (shared == null) {
      synchronized (DevTokens.class) {
        if (shared == null) {
          shared = generate();
        }
      }
    }
    return shared;
  }

  /**
   * The issuer whose keys a running local suite wrote to {@code directory} (see {@link #writeTo}).
   */
  public static DevTokens readFrom(Path directory) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      PrivateKey privateKey =
          rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(directory.resolve("private-key.pem"))));
      PublicKey publicKey =
          rsa.generatePublic(new X509EncodedKeySpec(pem(directory.resolve("public-key.pem"))));
      return new DevTokens(privateKey, publicKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code public-key.pem} (what the services read, {@code SUITE_JWT_PUBLIC_KEY_LOCATION})
   * and {@code private-key.pem} (readable by the owner only) to {@code directory}.
   */
  public void writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve("public-key.pem"), pem("PUBLIC KEY", publicKey.getEncoded()));
      Path privateFile = directory.resolve("private-key.pem");
      Files.deleteIfExists(privateFile);
      Files.createFile(privateFile);
      try {
        Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the run directory's own permissions apply.
      }
      Files.writeString(privateFile, pem("PRIVATE KEY", privateKey.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public key as the services' {@code mp.jwt.verify.publickey} takes it (Base64 DER). */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /**
   * A citizen's token: an opaque account id as {@code sub} (what the events record as the actor)
   * and the ID number the real-name check verified as {@code id_number}.
   */
  public String citizen(String idNumber) {
    return citizen(idNumber, DEFAULT_LIFETIME);
  }

  /** A citizen's token (see {@link #citizen(String)}) valid for {@code lifetime} from now. */
  public String citizen(String idNumber, Duration lifetime) {
    Instant now = Instant.now();
    ObjectNode claims = claimsNode("citizen", citizenAccount(idNumber), now, now.plus(lifetime));
    claims.put("id_number", idNumber);
    return sign(claims.toString());
  }

  /** The opaque account id of a citizen's token (not the ID number: events record it). */
  public static String citizenAccount(String idNumber) {
    return "wx-" + UUID.nameUUIDFromBytes(("citizen:" + idNumber).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A token of a caller named as the events record actors: CITIZEN (its {@code subject} is the ID
   * number), EMPLOYER, BANK, CARD_FACTORY, OPERATOR, AUDITOR, ... (the role {@code card-factory}
   * for CARD_FACTORY, and so on).
   */
  public String forActor(String actorRole, String subject) {
    return actorRole.equals("CITIZEN")
        ? citizen(subject)
        : token(actorRole.toLowerCase().replace('_', '-'), subject);
  }

  /** A token for {@code subject} in {@code role}, valid for {@link #DEFAULT_LIFETIME}. */
  public String token(String role, String subject) {
    return token(role, subject, DEFAULT_LIFETIME);
  }

  /** A token for {@code subject} in {@code role}, valid for {@code lifetime} from now. */
  public String token(String role, String subject, Duration lifetime) {
    Instant now = Instant.now();
    return sign(claims(role, subject, now, now.plus(lifetime)));
  }

  /**
   * A token for {@code subject} in {@code role} that names only {@code audiences} in {@code aud}.
   */
  public String tokenFor(String role, String subject, List<String> audiences) {
    Instant now = Instant.now();
    ObjectNode claims = claimsNode(role, subject, now, now.plus(DEFAULT_LIFETIME));
    var aud = claims.putArray("aud");
    audiences.forEach(aud::add);
    return sign(claims.toString());
  }

  /** A token whose {@code upn} names another caller than its {@code sub} (issue 16). */
  public String tokenWithUpn(String role, String subject, String upn) {
    Instant now = Instant.now();
    ObjectNode claims = claimsNode(role, subject, now, now.plus(DEFAULT_LIFETIME));
    claims.put("upn", upn);
    claims.put("preferred_username", upn);
    return sign(claims.toString());
  }

  /** A token that expired a minute ago (for the tests of refusals). */
  public String expiredToken(String role, String subject) {
    Instant now = Instant.now();
    return sign(claims(role, subject, now.minusSeconds(3600), now.minusSeconds(60)));
  }

  /** A token with no signature ({@code alg: none}), which no service may accept. */
  public String unsignedToken(String role, String subject) {
    Instant now = Instant.now();
    String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    return header + "." + encode(claims(role, subject, now, now.plusSeconds(600))) + ".";
  }

  /**
   * A validly signed token whose claims were then changed to {@code role} and {@code subject}: a
   * caller raising their own rights.
   */
  public String tamperedToken(String signedAsRole, String role, String subject) {
    String genuine = token(signedAsRole, subject);
    String[] parts = genuine.split("\\.");
    Instant now = Instant.now();
    return parts[0]
        + "."
        + encode(claims(role, subject, now, now.plusSeconds(600)))
        + "."
        + parts[2];
  }

  private static String claims(String role, String subject, Instant issuedAt, Instant expiresAt) {
    return claimsNode(role, subject, issuedAt, expiresAt).toString();
  }

  private static ObjectNode claimsNode(
      String role, String subject, Instant issuedAt, Instant expiresAt) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", ISSUER);
    claims.put("sub", subject);
    claims.putArray("groups").add(role);
    var aud = claims.putArray("aud");
    SUITE_AUDIENCES.forEach(aud::add);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    return claims;
  }

  private String sign(String claims) {
    String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] pem(Path file) throws IOException {
    String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
