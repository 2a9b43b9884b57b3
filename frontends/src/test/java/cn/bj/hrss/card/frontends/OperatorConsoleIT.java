package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * and reads the reconciliation; sees the API's daily series over time and the lag as sampled;
 * re-drives and discards a real dead letter; reads the blocked SMS. An auditor is shown no write
 * button, and the API refuses the rebuild to them anyway.
 */
@TestMethodOrder(OrderAnnotation.class)
class OperatorConsoleIT {

  /** The card topic (event-contract's Topics.CARD_LIFECYCLE). */
  private static final String CARD_TOPIC = "card-lifecycle.v1";

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
    Accessibility.assertNoSeriousViolations(browser, "operator-rebuild");
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
  void the_pictures_over_time_show_the_apis_daily_series_and_the_lag_as_sampled() {
    signIn("operator", "op-20261203");
    browser.findElement(By.id("to-charts")).click();
    // the last 30 days of every bank: the table and the lines are the API's series, day by day
    List<Map<String, Object>> totals = waitForSeries(null);
    assertEquals(30, totals.size());
    // the three new cards are open today, whatever else the suite holds
    assertTrue(((Number) totals.get(29).get("open")).intValue() >= 3, totals.get(29)::toString);
    shoot("chart-over-time", "operator-charts-over-time");
    Accessibility.assertNoSeriousViolations(browser, "operator-charts-over-time");

    // one bank: its series, and its outlets to choose from
    new Select(browser.findElement(By.id("chart-bank"))).selectByValue("PSBC");
    List<Map<String, Object>> psbc = waitForSeries("PSBC");
    assertTrue(((Number) psbc.get(29).get("open")).intValue() >= 1, psbc.get(29)::toString);
    assertTrue(browser.findElement(By.id("chart-outlet")).isEnabled());
    List<String> outlets =
        operatorApi()
            .queryParam("bankCode", "PSBC")
            .get(suite.url("card-production-service") + "/production-orders/summary")
            .then()
            .extract()
            .jsonPath()
            .getList("outlets.findAll { it.outletName != null }.outletName");
    List<String> offered = new ArrayList<>();
    new Select(browser.findElement(By.id("chart-outlet")))
        .getOptions()
        .forEach(o -> offered.add(o.getAttribute("value")));
    assertEquals(outlets, offered.subList(1, offered.size()));
    assertTrue(
        browser.findElement(By.id("chart-per-group-title")).getText().contains("各领卡网点"),
        "one bank's picture is per outlet");

    // the lag: sampled every 5 s while the page is open, kept in memory, one line per service
    wait.until(
        driver ->
            driver.findElements(By.cssSelector("#lag-figure polyline")).size() == 3
                && driver
                        .findElement(By.cssSelector("#lag-figure polyline"))
                        .getAttribute("data-values")
                        .split(",")
                        .length
                    >= 2);
    for (WebElement line : browser.findElements(By.cssSelector("#lag-figure polyline"))) {
      for (String lag : line.getAttribute("data-values").split(",")) {
        assertTrue(Long.parseLong(lag) >= 0, lag);
      }
    }
    assertTrue(browser.findElement(By.id("lag-note")).getText().contains("只保存在本页内存中"));
    shoot("chart-lag", "operator-charts-lag");
  }

  @Test
  @Order(4)
  void an_operator_redrives_and_discards_a_real_dead_letter_and_the_api_agrees() {
    // a record no consumer can read, keyed by a card of its own, as an operator could produce it
    String card = "dead-letter-" + UUID.randomUUID();
    produceUnreadable(card);
    await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(card, false).size() == 1);
    int waiting = waitingCount();

    signIn("operator", "op-20261203");
    browser.findElement(By.id("to-dead-letters")).click();
    By row = By.cssSelector("#dead-letters-cardProduction tr[data-card='" + card + "']");
    WebElement letter = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertTrue(letter.getText().contains("等待"), letter::getText);
    assertTrue(
        browser
            .findElement(By.id("dead-letters-cardProduction"))
            .getText()
            .contains("等待处理 " + waiting + " 条"));
    assertEquals(3, browser.findElements(By.name("redriveAll")).size());

    // re-driven, it cannot be read again: the card stays parked and the letter waits
    letter.findElement(By.xpath(".//button[text()='重新投递此卡']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#dead-letters-view form[data-service=cardProduction] p[role=status]"),
            card + "：应用 0 个，仍暂停"));
    List<Map<String, Object>> still = deadLetters(card, false);
    assertEquals(1, still.size());
    assertEquals(null, still.get(0).get("doneAt"));

    // discarded: gone from the waiting list, done unapplied in the API
    wait.until(ExpectedConditions.visibilityOfElementLocated(row))
        .findElement(By.xpath(".//button[text()='丢弃']"))
        .click();
    browser.switchTo().alert().accept();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
    assertEquals(List.of(), deadLetters(card, false));
    Map<String, Object> done = deadLetters(card, true).get(0);
    assertEquals("DISCARDED", done.get("outcome"));
    assertEquals(waiting - 1, waitingCount());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("dead-letters-cardProduction"), "等待处理 " + (waiting - 1) + " 条"));
    // with the letters done, the page shows it discarded
    browser
        .findElement(By.cssSelector("form[data-service=cardProduction] input[name=all]"))
        .click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "DISCARDED"));
    shoot("dead-letters-view", "operator-dead-letters");

    browser.findElement(By.id("to-sms")).click();
    wait.until(
        driver -> {
          String text = driver.findElement(By.id("blocked-sms")).getText();
          return text.contains("没有被拦截的短信") || text.contains("拦截原因");
        });
    shoot("sms-view", "operator-sms");
  }

  @Test
  @Order(5)
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
    // bank-gateway still holds the unreadable record of the test above: the auditor sees it, with
    // no button to act on it
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#dead-letters-bankGateway tr[data-card^='dead-letter-']")));
    assertTrue(browser.findElements(By.name("redriveAll")).isEmpty());
    assertTrue(browser.findElements(By.xpath("//button[text()='丢弃']")).isEmpty());
    assertTrue(browser.findElements(By.xpath("//button[text()='重新投递此卡']")).isEmpty());
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

  /**
   * Waits until the picture over time shows the API's series of the last 30 days (every bank, or
   * {@code bank}), and returns the API's days: the table and each line hold exactly its numbers.
   */
  private List<Map<String, Object>> waitForSeries(String bank) {
    List<List<Map<String, Object>>> seen = new ArrayList<>();
    wait.until(
        driver -> {
          List<Map<String, Object>> days = daily(bank);
          List<WebElement> rows =
              driver.findElements(By.cssSelector("#over-time-figure table tbody tr"));
          if (rows.size() != days.size()
              || !driver
                  .findElement(By.cssSelector("#over-time-figure svg"))
                  .getAttribute("aria-label")
                  .startsWith(bank == null ? "全部银行" : bankName(bank))) {
            return false;
          }
          for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> day = days.get(i);
            String expected =
                ((String) day.get("date")).substring(5)
                    + " "
                    + day.get("open")
                    + " "
                    + day.get("due")
                    + " "
                    + day.get("overdue");
            if (!expected.equals(cells(rows.get(i)))) {
              return false;
            }
          }
          List<WebElement> lines =
              driver.findElements(By.cssSelector("#over-time-figure polyline"));
          for (int s = 0; s < 3; s++) {
            String field = List.of("open", "due", "overdue").get(s);
            StringBuilder values = new StringBuilder();
            days.forEach(d -> values.append(values.length() == 0 ? "" : ",").append(d.get(field)));
            if (!values.toString().equals(lines.get(s).getAttribute("data-values"))) {
              return false;
            }
          }
          seen.add(days);
          return true;
        });
    return seen.get(0);
  }

  private static String cells(WebElement row) {
    List<String> texts = new ArrayList<>();
    row.findElements(By.cssSelector("th, td"))
        .forEach(c -> texts.add(c.getAttribute("textContent")));
    return String.join(" ", texts);
  }

  /** card-production-service's daily series of the last 30 days, as an operator reads it. */
  private static List<Map<String, Object>> daily(String bank) {
    String production = suite.url("card-production-service");
    String today =
        operatorApi().get(production + "/production-orders/summary").then().extract().path("asOf");
    var request =
        operatorApi()
            .queryParam("from", LocalDate.parse(today).minusDays(29).toString())
            .queryParam("to", today);
    if (bank != null) {
      request.queryParam("bankCode", bank);
    }
    return request
        .get(production + "/production-orders/daily")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("totals");
  }

  private static String bankName(String code) {
    return operatorApi()
        .get(suite.url("notification-service") + "/notifications/banks")
        .then()
        .extract()
        .jsonPath()
        .getString("find { it.code == '" + code + "' }.name");
  }

  /** card-production-service's dead letters of {@code card} (waiting, or all). */
  private static List<Map<String, Object>> deadLetters(String card, boolean all) {
    return operatorApi()
        .queryParam("cardId", card)
        .queryParam("all", all)
        .get(suite.url("card-production-service") + "/dead-letters")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("");
  }

  private static int waitingCount() {
    return operatorApi()
        .get(suite.url("card-production-service") + "/dead-letters/summary")
        .then()
        .statusCode(200)
        .extract()
        .path("waiting");
  }

  private static RequestSpecification operatorApi() {
    return given()
        .header("Authorization", "Bearer " + suite.tokens.issuer().token("operator", "op-api"));
  }

  /**
   * Sends a record that is not a card event envelope to the card topic, keyed by {@code card}, with
   * the suite's own Kafka settings: every consumer of the topic sets it aside as a dead letter of
   * that card.
   */
  private static void produceUnreadable(String card) {
    Map<String, String> settings = suite.infra.serviceEnvironment();
    Properties props = new Properties();
    props.put("bootstrap.servers", settings.get("SUITE_KAFKA_BOOTSTRAP_SERVERS"));
    props.put("acks", "all");
    props.putAll(KafkaClientSecurity.properties(settings::get));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(CARD_TOPIC, card, "这不是卡片事件".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + CARD_TOPIC, e);
    }
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
