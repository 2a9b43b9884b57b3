package cn.bj.hrss.card.application.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.application.Callers;
import cn.bj.hrss.card.identity.VerifiedTokenParser;
import cn.bj.hrss.card.testsupport.SuiteInfrastructureTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * ADR 32: a verified token is kept by the hash of all its bytes until its expiry, so that the same
 * token is not verified again; a token changed in any part is verified afresh and refused, also
 * right after the genuine one was accepted and kept.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructureTestResource.class)
class VerifiedTokenCacheTest {

  @Inject VerifiedTokenParser parser;

  private static final String PATH = "/calendar/years/2026";

  private static int statusWith(String token) {
    return given().auth().oauth2(token).get(PATH).then().extract().statusCode();
  }

  @Test
  void a_tampered_token_is_refused_after_the_genuine_one_was_kept() {
    String genuine = Callers.token("AUDITOR", "auditor-" + System.nanoTime());
    // Twice: the second answer comes from the kept verification.
    int keptBefore = parser.kept();
    assertEquals(200, statusWith(genuine));
    assertEquals(200, statusWith(genuine));
    int kept = parser.kept();
    assertEquals(keptBefore + 1, kept, "the genuine token is kept once");

    String[] parts = genuine.split("\\.");
    // The signature changed in its middle (a last character may differ only in unused bits).
    char[] signature = parts[2].toCharArray();
    int middle = signature.length / 2;
    signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
    String badSignature = parts[0] + "." + parts[1] + "." + new String(signature);
    // The claims changed (an operator instead of an auditor), the genuine signature kept.
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"auditor\"", "\"operator\"");
    String badClaims =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    org.junit.jupiter.api.Assertions.assertNotEquals(genuine, badClaims);
    // Anything appended after the signature.
    String appended = genuine + "x";

    for (String tampered : new String[] {badSignature, badClaims, appended}) {
      assertEquals(401, statusWith(tampered), tampered);
    }
    assertEquals(kept, parser.kept(), "a refused token is not kept");
    assertEquals(200, statusWith(genuine));
  }
}
