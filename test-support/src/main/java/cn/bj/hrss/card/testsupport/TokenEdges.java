package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.devidentity.DevTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The edges every service keeps the same way (issue 16, item 7), tried through its real HTTP port:
 * a token for another service is refused, so is one issued for longer than the maximum age; the
 * metrics and the OpenAPI document answer only operators and auditors; health stays open. Returns
 * the broken promises, so that each service's test asserts there are none.
 */
public final class TokenEdges {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TokenEdges() {}

  /**
   * @param base the service's root URL
   * @param service the service's name, as its {@code mp.jwt.verify.audiences} names it
   * @param staffPath a GET path an operator may read (200)
   */
  public static List<String> check(URI base, String service, String staffPath)
      throws IOException, InterruptedException {
    DevTokens tokens = DevTokens.shared();
    List<String> broken = new ArrayList<>();
    String operator = tokens.token("operator", "op-edges");
    expect(broken, base, staffPath, operator, 200, "an operator's token for all services");
    expect(
        broken,
        base,
        staffPath,
        tokens.tokenFor("operator", "op-edges", List.of(service)),
        200,
        "a token naming this service alone");
    for (String other : DevTokens.SUITE_AUDIENCES) {
      if (!other.equals(service)) {
        expect(
            broken,
            base,
            staffPath,
            tokens.tokenFor("operator", "op-edges", List.of(other)),
            401,
            "a token for " + other + " only");
      }
    }
    expect(
        broken,
        base,
        staffPath,
        tokens.token("operator", "op-edges", DevTokens.DEFAULT_LIFETIME.plusMinutes(1)),
        401,
        "a token issued for longer than the maximum age");
    for (String path : List.of("/q/metrics", "/q/openapi")) {
      expect(broken, base, path, null, 401, "no token");
      expect(broken, base, path, tokens.citizen("11010519491231002X"), 403, "a citizen's token");
      expect(broken, base, path, tokens.token("bank", "ICBC"), 403, "a bank's token");
      expect(broken, base, path, tokens.token("auditor", "prometheus"), 200, "an auditor's token");
    }
    expect(broken, base, "/q/health/live", null, 200, "no token (health stays open)");
    return broken;
  }

  private static void expect(
      List<String> broken, URI base, String path, String token, int status, String what)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    int got = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (got != status) {
      broken.add("GET " + path + " with " + what + ": " + got + ", expected " + status);
    }
  }
}
