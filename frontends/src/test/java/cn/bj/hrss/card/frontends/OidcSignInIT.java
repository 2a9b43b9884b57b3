package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.sample.SampleRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in as deployed (ADR 39): the page leaves for the identity provider with an authorization
 * request (PKCE, S256), the person signs in there, and the page exchanges the one-time code and its
 * verifier for the token and calls the API with it. The local run's issuer plays the provider; a
 * code is good once, only with its verifier, and only for a redirect to the frontends' origins.
 */
class OidcSignInIT {

  private static BrowserSuite suite;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    suite = BrowserSuite.get();
    browser = BrowserSuite.browser(BrowserSuite.PHONE);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void a_citizen_signs_in_at_the_provider_and_the_page_calls_the_api_with_the_token() {
    String citizen = SampleRegistry.RETIREE.idNumber();
    browser.get(suite.oidcPage("/"));
    ((JavascriptExecutor) browser)
        .executeScript("import('/shared/suite.js').then((suite) => suite.startOidcSignIn());");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.urlContains(suite.signIn.url() + "/authorize?"));
    assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"));
    new Select(browser.findElement(By.id("role"))).selectByValue("citizen");
    browser.findElement(By.id("subject")).sendKeys(citizen);
    BrowserSuite.screenshot(browser, "oidc-provider-sign-in");
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("code="));
    String code = query(browser.getCurrentUrl()).get("code");

    @SuppressWarnings("unchecked")
    Map<String, Object> seen =
        (Map<String, Object>)
            ((JavascriptExecutor) browser)
                .executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    import("/shared/suite.js").then(async (suite) => {
                      const signedIn = await suite.completeOidcSignIn();
                      const cards = await suite.api("application", "GET", "/me/cards");
                      done({ role: signedIn.role, subject: signedIn.subject,
                             cards: JSON.stringify(cards), search: location.search,
                             stored: Object.keys(localStorage).length });
                    }).catch((e) => done({ error: String(e) }));
                    """);
    assertFalse(seen.containsKey("error"), () -> String.valueOf(seen.get("error")));
    assertEquals("citizen", seen.get("role"));
    assertEquals(citizen, seen.get("subject"));
    assertTrue(((String) seen.get("cards")).startsWith("["), () -> (String) seen.get("cards"));
    assertEquals("", seen.get("search"), "the code is taken out of the address");
    assertEquals(0L, seen.get("stored"));

    // The code was good once: a second exchange, even with any verifier, is refused.
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "authorization_code")
        .formParam("code", code)
        .formParam("client_id", "card-frontends")
        .formParam("redirect_uri", suite.oidcPage("/"))
        .formParam("code_verifier", "x".repeat(43))
        .when()
        .post(suite.signIn.url() + "/token")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_grant"));
  }

  @Test
  void a_redirect_elsewhere_or_a_request_without_pkce_is_refused() {
    String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    given()
        .queryParam("response_type", "code")
        .queryParam("client_id", "card-frontends")
        .queryParam("redirect_uri", "https://card-help.example.com/citizen/")
        .queryParam("state", "s")
        .queryParam("code_challenge", challenge)
        .queryParam("code_challenge_method", "S256")
        .when()
        .get(suite.signIn.url() + "/authorize")
        .then()
        .statusCode(400);
    given()
        .queryParam("response_type", "code")
        .queryParam("client_id", "card-frontends")
        .queryParam("redirect_uri", suite.oidcPage("/"))
        .queryParam("state", "s")
        .when()
        .get(suite.signIn.url() + "/authorize")
        .then()
        .statusCode(400);
    // A code obtained for one verifier is refused with another.
    String location =
        given()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .formParam("response_type", "code")
            .formParam("client_id", "card-frontends")
            .formParam("redirect_uri", suite.oidcPage("/"))
            .formParam("state", "s")
            .formParam("code_challenge", challenge)
            .formParam("code_challenge_method", "S256")
            .formParam("role", "operator")
            .formParam("subject", "op-1")
            .when()
            .post(suite.signIn.url() + "/authorize")
            .then()
            .statusCode(303)
            .extract()
            .header("Location");
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("grant_type", "authorization_code")
        .formParam("code", query(location).get("code"))
        .formParam("client_id", "card-frontends")
        .formParam("redirect_uri", suite.oidcPage("/"))
        .formParam("code_verifier", "not-the-verifier-of-this-challenge-0123456789")
        .when()
        .post(suite.signIn.url() + "/token")
        .then()
        .statusCode(400);
  }

  private static Map<String, String> query(String url) {
    String raw = URI.create(url).getRawQuery();
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    for (String pair : raw.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          parts[0],
          java.net.URLDecoder.decode(
              parts.length > 1 ? parts[1] : "", java.nio.charset.StandardCharsets.UTF_8));
    }
    return fields;
  }
}
