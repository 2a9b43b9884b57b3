package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console (issue 21 item 3) in Chromium at a desk against the real suite: an operator
 * rebuilds card-production-service's projection and follows the bar to 100 % and an identical
 * comparison; finds a card, its timeline and its state at an earlier instant; verifies the chain
 * and reads the reconciliation, the dead letters, the blocked SMS and the pictures. An auditor is
 * shown no write button, and the API refuses the rebuild to them anyway.
 */
@TestMethodOrder(OrderAnnotation.class)
class OperatorConsoleIT {

  private static BrowserSuite suite;
  private static final List<String> CARDS = new ArrayList<>();
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void submitCards() {
    suite = BrowserSuite.get();
    // The first flexible workers of the generated sample (batch 4, any bank): CitizenAppIT applies
    // for the last three, and a person holds one application only.
    List<SampleRegistry.Person> persons =
        new ArrayList<>(SampleRegistry.generated(50, SampleRegistry.SEED));
    String[] banks = {"PSBC", "ICBC", "BOB"};
    for (SampleRegistry.Person person : persons) {
      if (CARDS.size() == 3) {
        break;
      }
      if (!person.category().equals("FLEXIBLE_WORKER")) {
        continue;
      }
      Response answer =
          given()
              .header("Authorization", "Bearer " + suite.tokens.issuer().citizen(person.idNumber()))
              .header("X-Channel", "BEIJING_HRSS_WECHAT")
              .contentType("application/json")
              .body(
                  """
                  {"applicant": {"idNumber": "%s", "name": "%s", "mobile": "1391234%04d"},
                   "bankCode": "%s",
                   "collection": {"method": "MAIL", "address": "北京市西城区西长安街%d号"}}
                  """
                      .formatted(
                          person.idNumber(),
                          person.name(),
                          CARDS.size(),
                          banks[CARDS.size()],
                          CARDS.size() + 1))
              .post(suite.url("application-service") + "/cards");
      assertEquals(201, answer.statusCode(), answer::asString);
      CARDS.add(answer.path("cardId"));
    }
    assertEquals(3, CARDS.size());
    // The rebuild compares with the live projection: wait until it holds the new cards.
    String operator = "Bearer " + suite.tokens.issuer().token("operator", "op-setup");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                CARDS.stream()
                    .allMatch(
                        card ->
                            given()
                                    .header("Authorization", operator)
                                    .get(
                                        suite.url("card-production-service")
                                            + "/production-orders/"
                                            + card)
                                    .statusCode()
                                == 200));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void an_operator_rebuilds_card_production_and_the_bar_reaches_100_and_identical() {
    signIn("operator", "op-20261203");
    WebDriverWait rebuilt = new WebDriverWait(browser, Duration.ofSeconds(90));
    assertEquals(
        "cardProduction",
        new Select(browser.findElement(By.id("rebuild-service")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    browser.findElement(By.id("start-rebuild")).click();
    WebElement verdict =
        rebuilt.until(ExpectedConditions.visibilityOfElementLocated(By.id("rebuild-verdict")));
    assertEquals("100", browser.findElement(By.id("rebuild-bar")).getAttribute("value"));
    assertEquals("100%", browser.findElement(By.id("rebuild-percent")).getText());
    assertTrue(
        browser.findElement(By.cssSelector("#rebuild-progress h3")).getText().contains("已完成"));
    assertEquals("比较结果：重建后的每张表与原投影完全一致", verdict.getText());
    List<WebElement> tables =
        browser.findElements(By.cssSelector("#rebuild-comparison tbody tr td:last-child"));
    assertFalse(tables.isEmpty());
    tables.forEach(cell -> assertEquals("一致", cell.getText()));
    String facts = browser.findElement(By.id("rebuild-facts")).getText();
    assertFalse(facts.contains("已应用事件\n0\n"), facts);
    shoot("rebuild-progress", "operator-rebuild");
  }

  @Test
  @Order(2)
  void an_operator_finds_a_card_its_timeline_its_earlier_state_and_the_audit() {
    signIn("operator", "op-20261203");
    browser.findElement(By.id("to-card")).click();
    WebElement cardId = wait.until(ExpectedConditions.elementToBeClickable(By.id("card-id")));
    cardId.sendKeys(CARDS.get(0));
    browser.findElement(By.cssSelector("#card-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#card-timeline li"), 0));
    List<WebElement> events = browser.findElements(By.cssSelector("#card-timeline li"));
    assertTrue(events.get(0).getText().startsWith("提交申领 CardRequested"), events.get(0)::getText);
    assertTrue(browser.findElement(By.id("card-state")).getText().contains(CARDS.get(0)));
    assertEquals("当前状态", browser.findElement(By.id("card-state-title")).getText());
    // the state at the instant of the first event
    events.get(0).findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-state-title"), "截至"));
    String state = browser.findElement(By.id("card-state")).getText();
    assertTrue(state.contains("事件序号\n0") || state.contains("事件序号\n1"), state);
    browser.findElement(By.xpath("//button[text()='校验此卡的防篡改链']")).click();
    wait.until(ExpectedConditions.textToBe(By.id("chain-verdict"), "防篡改链完整"));
    shoot("card-state-title", "operator-card");

    browser.findElement(By.id("to-audit")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("verify-all"))).click();
    wait.until(
        ExpectedConditions.textToBe(By.cssSelector("#chain-result #chain-verdict"), "防篡改链完整"));
    browser.findElement(By.id("reconcile")).click();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(
            By.cssSelector("#reconciliation-table tbody tr"), 3));
    shoot("reconciliation-result", "operator-audit");
  }

  @Test
  @Order(3)
  void an_operator_reads_dead_letters_blocked_sms_and_the_pictures() {
    signIn("operator", "op-20261203");
    browser.findElement(By.id("to-dead-letters")).click();
    for (String service : List.of("cardProduction", "bankGateway", "notification")) {
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("dead-letters-" + service), "等待处理"));
    }
    assertEquals(3, browser.findElements(By.name("redriveAll")).size());
    shoot("dead-letters-view", "operator-dead-letters");

    browser.findElement(By.id("to-sms")).click();
    wait.until(
        driver -> {
          String text = driver.findElement(By.id("blocked-sms")).getText();
          return text.contains("没有被拦截的短信") || text.contains("拦截原因");
        });
    shoot("sms-view", "operator-sms");

    browser.findElement(By.id("to-charts")).click();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#charts-view svg.chart"), 3));
    // every bank of the suite is a row; the three new cards are in production at their banks
    int bankRows = browser.findElements(By.cssSelector("#chart-banks tbody tr")).size();
    assertTrue(bankRows >= 3, "banks: " + bankRows);
    String banks = browser.findElement(By.cssSelector("#chart-banks svg")).getText();
    assertTrue(banks.contains("PSBC"), banks);
    // one bar per consumer service, each with its lag written beside it
    assertEquals(3, browser.findElements(By.cssSelector("#chart-lag svg rect.bar.lag")).size());
    assertTrue(
        browser.findElement(By.id("charts-note")).getText().contains("没有历史序列"),
        "the page says the pictures show the present only");
    shoot("chart-banks", "operator-charts");
  }

  @Test
  @Order(4)
  void an_auditor_sees_no_write_button_and_the_api_refuses_the_rebuild() {
    signIn("auditor", "au-20261203");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("read-only-note")));
    assertTrue(browser.findElements(By.id("start-rebuild")).isEmpty());
    // the last rebuild is there to read
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("rebuild-progress"), "已完成"));
    browser.findElement(By.id("to-dead-letters")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("dead-letters-cardProduction"), "等待处理"));
    assertTrue(browser.findElements(By.name("redriveAll")).isEmpty());
    assertTrue(browser.findElements(By.xpath("//button[text()='丢弃']")).isEmpty());
    // and the API refuses an auditor's rebuild whatever the page shows
    @SuppressWarnings("unchecked")
    Map<String, Object> refused =
        (Map<String, Object>)
            ((JavascriptExecutor) browser)
                .executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    import("/shared/suite.js").then(async (suite) => {
                      try {
                        await suite.api("cardProduction", "POST", "/projection/rebuild");
                        done({ status: 202 });
                      } catch (e) {
                        done({ status: e.status });
                      }
                    });
                    """);
    assertEquals(403L, refused.get("status"));
    browser.findElement(By.id("to-rebuild")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("read-only-note")));
    shoot("rebuild-progress", "operator-auditor");
  }

  /** Keeps the page as {@code name}, scrolled so that the element {@code id} is in view. */
  private void shoot(String id, String name) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", id);
    BrowserSuite.screenshot(browser, name);
  }

  /** A desk browser on the console, signed in as {@code role} with staff id {@code subject}. */
  private void signIn(String role, String subject) {
    browser = BrowserSuite.browser(BrowserSuite.DESK);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(suite.page("/operator/"));
    new Select(wait.until(ExpectedConditions.elementToBeClickable(By.name("role"))))
        .selectByValue(role);
    browser.findElement(By.name("subject")).sendKeys(subject);
    browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), subject));
  }
}
