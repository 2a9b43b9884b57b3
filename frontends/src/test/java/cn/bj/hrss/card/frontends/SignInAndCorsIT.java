package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The ground every page stands on (ADR 39): a page of the frontends signs in with the local run's
 * issuer and calls a service's API straight from the browser (CORS for the frontends' origin only);
 * another origin is refused by the service and by the issuer.
 */
class SignInAndCorsIT {

  private static final String STRANGER = "https://card-help.example.com";
  private static BrowserSuite suite;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    suite = BrowserSuite.get();
    browser = BrowserSuite.browser(BrowserSuite.DESK);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void a_page_signs_in_and_calls_the_api_from_the_browser() {
    browser.get(suite.page("/"));
    assertEquals(3, browser.findElements(By.cssSelector("nav a")).size());
    BrowserSuite.screenshot(browser, "index");

    @SuppressWarnings("unchecked")
    Map<String, Object> seen =
        (Map<String, Object>)
            ((JavascriptExecutor) browser)
                .executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    import("/shared/suite.js").then(async (suite) => {
                      const signedIn = await suite.signIn("citizen", "11010519491231002X");
                      const cards = await suite.api("application", "GET", "/me/cards");
                      let refusal = null;
                      try {
                        await suite.api("application", "GET", "/audit/verify");
                      } catch (e) {
                        refusal = { status: e.status, rule: e.rule ?? null };
                      }
                      done({ role: signedIn.role, cards: JSON.stringify(cards), refusal,
                             stored: Object.keys(localStorage).length });
                    }).catch((e) => done({ error: String(e) }));
                    """);
    assertFalse(seen.containsKey("error"), () -> String.valueOf(seen.get("error")));
    assertEquals("citizen", seen.get("role"));
    assertTrue(((String) seen.get("cards")).startsWith("["), () -> (String) seen.get("cards"));
    // A citizen's token reaches the API, and the API still decides: the audit is not theirs.
    assertEquals(403L, ((Map<?, ?>) seen.get("refusal")).get("status"));
    // Nothing is kept beyond the tab's session.
    assertEquals(0L, seen.get("stored"));
  }

  @Test
  void another_origin_is_refused_by_the_service_and_by_the_sign_in() {
    given()
        .header("Origin", STRANGER)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .when()
        .options(suite.url("application-service") + "/me/cards")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
    given()
        .header("Origin", STRANGER)
        .contentType("application/json")
        .body("{\"role\":\"operator\",\"subject\":\"op-1\"}")
        .when()
        .post(suite.signIn.url() + "/dev-token")
        .then()
        .statusCode(403)
        .header("Access-Control-Allow-Origin", nullValue());
    String frontends = suite.page("").replaceAll("/$", "");
    given()
        .header("Origin", frontends)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .when()
        .options(suite.url("application-service") + "/me/cards")
        .then()
        .header("Access-Control-Allow-Origin", equalTo(frontends));
  }

  /**
   * The frontends' one document: anyone may read it (it is what the mini-program has compiled in),
   * it names only the four API addresses and the sign-in, holds no token or key, and takes no
   * write.
   */
  @Test
  void the_suite_config_is_public_names_only_addresses_and_takes_no_write() {
    String config = suite.page("/suite-config.json");
    Map<String, Object> answer =
        given().when().get(config).then().statusCode(200).extract().jsonPath().getMap("");
    assertEquals(java.util.Set.of("apis", "signIn"), answer.keySet());
    Map<?, ?> apis = (Map<?, ?>) answer.get("apis");
    assertEquals(
        java.util.Set.of("application", "cardProduction", "bankGateway", "notification"),
        apis.keySet());
    assertEquals(suite.url("application-service"), apis.get("application"));
    Map<?, ?> signIn = (Map<?, ?>) answer.get("signIn");
    assertEquals(java.util.Set.of("kind", "url", "clientId"), signIn.keySet());
    assertEquals(suite.signIn.url(), signIn.get("url"));
    given().contentType("application/json").body("{}").when().post(config).then().statusCode(405);
    given().contentType("application/json").body("{}").when().put(config).then().statusCode(405);
  }
}
