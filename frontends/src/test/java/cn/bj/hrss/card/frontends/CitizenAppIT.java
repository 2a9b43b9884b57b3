package cn.bj.hrss.card.frontends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The citizen H5 app on a phone (issue 21 item 1): a citizen signs in, applies with a mistake and
 * reads the API's own refusal beside the field it names, picks the bank and outlet from the API's
 * lists, applies, follows the card in "my cards" with its timeline and due date, changes the
 * application and checks an SMS; withdraws an application, is refused a withdrawal once the card is
 * produced, reports a delivered card lost and cancels the report; a guardian applies for their
 * minor where a stranger is refused; a stranger opening a card reads the API's refusal, not the
 * card; what the page costs a slow phone; and axe-core's accessibility check on the pages shown.
 */
class CitizenAppIT {

  private static final List<SampleRegistry.Person> WORKERS =
      SampleRegistry.generated(50, SampleRegistry.SEED).stream()
          .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
          .toList();

  private static BrowserSuite suite;
  private static SuiteCards cards;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void start() {
    suite = BrowserSuite.get();
    cards = new SuiteCards(suite);
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void open(org.openqa.selenium.Dimension size) {
    browser = BrowserSuite.browser(size);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @Test
  void a_citizen_is_refused_with_the_apis_message_applies_and_follows_the_card() {
    SampleRegistry.Person me = WORKERS.get(WORKERS.size() - 1);
    String mobile = "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    open(BrowserSuite.PHONE);
    signIn(me.idNumber());
    BrowserSuite.screenshot(browser, "citizen-signed-in");

    // No bank chosen: the API's refusal (R-BANK-1), beside the bank's field.
    click(By.linkText("申领"));
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apply")));
    type("applicant.name", me.name());
    type("applicant.mobile", mobile);
    new Select(input("collection.method")).selectByValue("MAIL");
    type("collection.address", "北京市海淀区示例路1号");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement refusal =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#apply .refusal")));
    JsonPath api =
        cards
            .citizen(me.idNumber())
            .body(SuiteCards.application(me, mobile, null))
            .post("/cards")
            .then()
            .statusCode(400)
            .extract()
            .jsonPath();
    assertEquals("R-BANK-1", api.getString("rule"));
    assertEquals("bankCode", api.getString("field"));
    assertEquals("R-BANK-1", refusal.getAttribute("data-rule"));
    assertEquals(api.getString("message") + "（R-BANK-1）", refusal.getText());
    assertTrue(api.getString("message").matches(".*[\\u4e00-\\u9fff].*"), api.getString("message"));
    // Beside the bank's field: right after its label, and the field says so to a screen reader.
    WebElement bank = input("bankCode");
    assertEquals("true", bank.getAttribute("aria-invalid"));
    assertEquals(refusal.getAttribute("id"), bank.getAttribute("aria-describedby"));
    assertEquals(
        refusal,
        bank.findElement(By.xpath("ancestor::label/following-sibling::*[1]")),
        "the message follows the bank's field");
    BrowserSuite.screenshot(browser, "citizen-refusal");

    // The banks to pick from are the API's cooperating banks, the outlets those of the bank chosen.
    JsonPath banks =
        cards
            .citizen(me.idNumber())
            .get("/cooperating-banks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Select bankList = new Select(input("bankCode"));
    List<WebElement> offered = bankList.getOptions().subList(1, bankList.getOptions().size());
    assertEquals(
        banks.getList("code"), offered.stream().map(o -> o.getAttribute("value")).toList());
    assertEquals(
        banks.getList("collect { it.nameZh + '（' + it.code + '）' }"),
        offered.stream().map(WebElement::getText).toList());
    bankList.selectByValue("ICBC");
    new Select(input("collection.method")).selectByValue("OUTLET_PICKUP");
    List<WebElement> outlets = new Select(input("collection.outletName")).getOptions();
    assertEquals(
        banks.getList("find { it.code == 'ICBC' }.outlets.name"),
        outlets.subList(1, outlets.size()).stream().map(o -> o.getAttribute("value")).toList());
    new Select(input("collection.method")).selectByValue("MAIL");
    Accessibility.assertNoSeriousViolations(browser, "citizen-refusal");

    // Corrected, the application goes through and the card's page shows its timeline.
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("card-page")));
    String cardId = browser.getCurrentUrl().replaceAll(".*#card/", "");
    assertTrue(
        browser.findElement(By.cssSelector("main [role=status]")).getText().contains("申请已提交"));

    // My cards: the card with its steps and due date, as the API gives them to this citizen.
    click(By.linkText("我的社保卡"));
    WebElement mine =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#my-cards [data-card='" + cardId + "']")));
    JsonPath myCards =
        cards.citizen(me.idNumber()).get("/me/cards").then().statusCode(200).extract().jsonPath();
    Map<String, Object> progress =
        myCards.getMap("find { it.cardId == '" + cardId + "' }.progress");
    List<?> steps = (List<?>) progress.get("steps");
    List<WebElement> shown = mine.findElements(By.cssSelector("ol.timeline li"));
    assertEquals(steps.size(), shown.size());
    assertTrue(shown.get(0).getAttribute("class").contains("done"), shown.get(0).getText());
    assertTrue(shown.get(0).getText().startsWith(((Map<?, ?>) steps.get(0)).get("name") + "：已完成"));
    String due = mine.findElement(By.cssSelector(".due")).getText();
    assertTrue(due.contains(String.valueOf(progress.get("dueDate"))), due);
    assertEquals(
        Boolean.TRUE.equals(progress.get("dueDateProvisional")),
        !mine.findElements(By.cssSelector("[data-provisional]")).isEmpty(),
        due);
    BrowserSuite.screenshot(browser, "citizen-my-cards");
    Accessibility.assertNoSeriousViolations(browser, "citizen-my-cards");

    // Before production the application may change (S-CHANGE-1): another bank.
    mine.findElement(By.linkText("查看详情与办理")).click();
    WebElement change = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change")));
    new Select(change.findElement(By.cssSelector("[data-field=bankCode]"))).selectByValue("CCB");
    change.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("main [role=status]"), "申请已修改"));
    assertTrue(browser.findElement(By.id("card-page")).getText().contains("发卡银行：CCB"));
    BrowserSuite.screenshot(browser, "citizen-card-changed");

    // The SMS the programme sent to this mobile is genuine; a look-alike is not.
    List<Map<String, Object>> received =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(
                b ->
                    suite.smsGateway.received(mobile).isEmpty()
                        ? null
                        : suite.smsGateway.received(mobile));
    click(By.linkText("短信验真"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sms-check")));
    type("mobile", mobile);
    input("text").sendKeys(String.valueOf(received.get(0).get("text")));
    click(By.cssSelector("#sms-check button[type=submit]"));
    WebElement genuine =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-genuine]")));
    assertEquals("true", genuine.getAttribute("data-genuine"), genuine.getText());
    input("text").clear();
    input("text").sendKeys("【北京人社】您的社保卡需激活，请点击 bjrs。cn 并回复验证码");
    click(By.cssSelector("#sms-check button[type=submit]"));
    WebElement fake =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-genuine=false]")));
    assertTrue(
        browser.findElement(By.cssSelector("#sms-answer blockquote")).getText().contains("133号"));
    assertTrue(fake.getText().matches(".*[\\u4e00-\\u9fff].*"), fake.getText());
    BrowserSuite.screenshot(browser, "citizen-sms-check");
  }

  @Test
  void a_stranger_opening_anothers_card_reads_the_apis_refusal_and_nothing_of_the_card() {
    SampleRegistry.Person owner = WORKERS.get(WORKERS.size() - 2);
    SampleRegistry.Person stranger = WORKERS.get(WORKERS.size() - 3);
    String cardId = cards.applied(owner, "BOB");
    JsonPath api =
        cards
            .citizen(stranger.idNumber())
            .get("/cards/" + cardId)
            .then()
            .statusCode(403)
            .extract()
            .jsonPath();

    open(BrowserSuite.PHONE);
    signIn(stranger.idNumber());
    browser.get(suite.page("/citizen/#card/" + cardId));
    WebElement refusal =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#card-page .refusal")));
    assertEquals(api.getString("message") + "（" + api.getString("rule") + "）", refusal.getText());
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(
        !page.contains(owner.name().substring(1))
            && browser.findElements(By.cssSelector("ol.timeline")).isEmpty(),
        page);
    BrowserSuite.screenshot(browser, "citizen-stranger");
  }

  /**
   * S-WITHDRAW-1 and R-LOSS-1 in one sign-in: a citizen withdraws an application before production
   * and sees it withdrawn; applies again, and once the card is produced (behind the open page) the
   * withdrawal is refused with the API's rule and message beside the action; once the card is
   * delivered, reports it lost and cancels the report. A stranger's withdrawal and loss report are
   * refused and change nothing.
   */
  @Test
  void a_citizen_withdraws_is_refused_once_produced_reports_the_loss_and_cancels_it() {
    SampleRegistry.Person me = WORKERS.get(WORKERS.size() - 4);
    SampleRegistry.Person stranger = WORKERS.get(WORKERS.size() - 3);
    String first = cards.applied(me, "ICBC");
    JsonPath strangers =
        cards
            .as(stranger.idNumber(), "withdrawal", first)
            .then()
            .statusCode(403)
            .extract()
            .jsonPath();
    assertEquals("ACCESS-DENIED", strangers.getString("rule"));
    assertEquals(
        "REQUESTED", cards.card(first).getString("status"), "the stranger changed nothing");

    open(BrowserSuite.PHONE);
    signIn(me.idNumber());
    browser.get(suite.page("/citizen/#card/" + first));
    click(By.cssSelector("#withdraw button[type=submit]"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("main [role=status]"), "申请已撤回"));
    JsonPath withdrawn = cards.card(first);
    assertEquals("WITHDRAWN", withdrawn.getString("status"));
    String page = browser.findElement(By.id("card-page")).getText();
    assertTrue(page.contains("状态：" + withdrawn.getString("statusName")), page);
    assertTrue(browser.findElement(By.id("withdrawn")).getText().contains("重新申领"));
    assertTrue(
        browser.findElements(By.cssSelector("#withdraw, #change, #loss")).isEmpty(),
        "no action is offered on a withdrawn application");
    BrowserSuite.screenshot(browser, "citizen-withdrawn");

    // Applied again; produced while the page still offers the withdrawal: the API's refusal.
    String second = cards.applied(me, "ICBC");
    browser.get(suite.page("/citizen/#card/" + second));
    WebElement withdraw =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("withdraw")));
    cards.produced(second);
    withdraw.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement refusal =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#withdraw .refusal")));
    JsonPath api =
        cards.as(me.idNumber(), "withdrawal", second).then().statusCode(409).extract().jsonPath();
    assertEquals("S-WITHDRAW-1", api.getString("rule"));
    assertEquals("S-WITHDRAW-1", refusal.getAttribute("data-rule"));
    assertEquals(api.getString("message") + "（S-WITHDRAW-1）", refusal.getText());
    assertEquals("PRODUCED", cards.card(second).getString("status"));
    BrowserSuite.screenshot(browser, "citizen-withdraw-refused");
    Accessibility.assertNoSeriousViolations(browser, "citizen-withdraw-refused");

    // Delivered by mail: the holder reports it lost (挂失) and cancels the report (解挂).
    cards.delivered(second, me.idNumber());
    browser.navigate().refresh();
    WebElement loss = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("loss")));
    cards.as(stranger.idNumber(), "loss-report", second).then().statusCode(403);
    assertTrue(
        !cards.card(second).getBoolean("blockedByLossReport"), "the stranger blocked nothing");
    loss.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("main [role=status]"), "已挂失，卡片已停用"));
    assertTrue(cards.card(second).getBoolean("blockedByLossReport"));
    assertTrue(browser.findElement(By.id("card-page")).getText().contains("（已挂失）"));
    BrowserSuite.screenshot(browser, "citizen-loss-reported");
    cards.as(stranger.idNumber(), "loss-report/cancellation", second).then().statusCode(403);
    assertTrue(
        cards.card(second).getBoolean("blockedByLossReport"), "the stranger unblocked nothing");

    click(By.cssSelector("#loss-cancel button[type=submit]"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("main [role=status]"), "已解除挂失"));
    assertTrue(!cards.card(second).getBoolean("blockedByLossReport"));
    assertTrue(!browser.findElement(By.id("card-page")).getText().contains("（已挂失）"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("loss")));
    BrowserSuite.screenshot(browser, "citizen-loss-cancelled");
  }

  /**
   * R-BANK-4: a citizen who is not the minor's recorded guardian applies for the minor and reads
   * the API's refusal beside the guardian's field (nothing is recorded); the recorded guardian (the
   * sample registry's) applies for the minor and finds the card among their cards.
   */
  @Test
  void a_guardian_applies_for_their_minor_and_a_stranger_is_refused() {
    SampleRegistry.Person minor = SampleRegistry.MINOR;
    SampleRegistry.Person guardian = SampleRegistry.GUARDIAN;
    SampleRegistry.Person stranger = WORKERS.get(WORKERS.size() - 3);
    open(BrowserSuite.PHONE);

    signIn(stranger.idNumber());
    applyForMinor(minor, stranger.name(), "13922223333");
    WebElement refusal =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#apply .refusal")));
    Map<String, Object> body =
        new java.util.LinkedHashMap<>(SuiteCards.application(minor, "13922223333", "ICBC"));
    body.put(
        "guardian",
        Map.of("idNumber", stranger.idNumber(), "name", stranger.name(), "mobile", "13922223333"));
    JsonPath api =
        cards.citizen(stranger.idNumber()).body(body).post("/cards").then().extract().jsonPath();
    assertEquals("R-BANK-4", api.getString("rule"), api.prettify());
    assertEquals(api.getString("message") + "（R-BANK-4）", refusal.getText());
    assertEquals(
        refusal,
        input("guardian.idNumber").findElement(By.xpath("ancestor::label/following-sibling::*[1]")),
        "the message follows the guardian's ID number");
    BrowserSuite.screenshot(browser, "citizen-guardian-stranger");
    Accessibility.assertNoSeriousViolations(browser, "citizen-guardian-stranger");

    click(By.id("sign-out"));
    signIn(guardian.idNumber());
    applyForMinor(minor, guardian.name(), guardian.mobile());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("card-page")));
    assertTrue(
        browser.findElement(By.cssSelector("main [role=status]")).getText().contains("申请已提交"),
        "a new application: the stranger's left nothing");
    String cardId = browser.getCurrentUrl().replaceAll(".*#card/", "");
    click(By.linkText("我的社保卡"));
    WebElement mine =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#my-cards [data-card='" + cardId + "']")));
    JsonPath guardians =
        cards
            .citizen(guardian.idNumber())
            .get("/me/cards")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(Boolean.TRUE, guardians.get("find { it.cardId == '" + cardId + "' }.forMinor"));
    String holder = guardians.getString("find { it.cardId == '" + cardId + "' }.holderName");
    assertEquals(minor.name().charAt(0), holder.charAt(0), holder);
    assertEquals(holder + "（未成年子女）", mine.findElement(By.tagName("h3")).getText());
    BrowserSuite.screenshot(browser, "citizen-guardian-applied");
  }

  /** The application form for one's minor, by mail with ICBC, sent. */
  private void applyForMinor(SampleRegistry.Person minor, String guardianName, String mobile) {
    click(By.linkText("申领"));
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apply")));
    form.findElement(By.cssSelector("input[name=for][value=minor]")).click();
    type("applicant.idNumber", minor.idNumber());
    type("applicant.name", minor.name());
    type("applicant.mobile", mobile);
    type("guardian.name", guardianName);
    type("guardian.mobile", mobile);
    new Select(input("bankCode")).selectByValue("ICBC");
    new Select(input("collection.method")).selectByValue("MAIL");
    type("collection.address", "北京市海淀区示例路1号");
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /**
   * What the sign-in page costs a slow phone: the bytes it transfers (a budget, deterministic) and
   * the time until it can be used with Chrome's CPU slowed four times and a slow 3G-like network
   * (measured and written to target/citizen-performance.txt, not asserted).
   */
  @Test
  void the_page_is_light_on_a_slow_phone() throws IOException {
    open(BrowserSuite.PHONE);
    ChromeDriver chrome = (ChromeDriver) browser;
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    chrome.executeCdpCommand(
        "Network.emulateNetworkConditions",
        Map.of(
            "offline",
            false,
            "latency",
            150,
            "downloadThroughput",
            1_638_400 / 8,
            "uploadThroughput",
            768_000 / 8));
    chrome.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 4));
    browser.get(suite.page("/citizen/"));
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            b ->
                (Boolean)
                    ((JavascriptExecutor) b)
                        .executeScript(
                            "return performance.getEntriesByName('citizen-interactive').length > 0"));
    @SuppressWarnings("unchecked")
    Map<String, Object> measured =
        (Map<String, Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    """
                    const here = location.origin;
                    const entries = [performance.getEntriesByType('navigation')[0],
                                     ...performance.getEntriesByType('resource')]
                      .filter((e) => e.name.startsWith(here));
                    const sum = (key) => entries.reduce((total, e) => total + e[key], 0);
                    return { files: entries.length, transferred: sum('transferSize'),
                             encoded: sum('encodedBodySize'), decoded: sum('decodedBodySize'),
                             interactive: Math.round(performance.getEntriesByName('citizen-interactive')[0].startTime),
                             loaded: Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd),
                             names: entries.map((e) => e.name.slice(here.length)).join(' ') };
                    """);
    long transferred = ((Number) measured.get("transferred")).longValue();
    String report =
        "citizen /citizen/ sign-in page, 4x CPU, 150 ms RTT, 1.6 Mbit/s down: "
            + measured
            + System.lineSeparator();
    Files.writeString(BrowserSuite.TARGET.resolve("citizen-performance.txt"), report);
    System.out.print(report);
    assertTrue(((Number) measured.get("files")).intValue() >= 4, report);
    assertTrue(transferred > 0 && transferred < 100 * 1024, report);
    BrowserSuite.screenshot(browser, "citizen-sign-in");
    chrome.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 1));
    Accessibility.assertNoSeriousViolations(browser, "citizen-sign-in");
  }

  /**
   * Accessible by keyboard (issue 21 item 1): with Tab and Enter alone a citizen signs in, opens
   * the application and reaches every field and the button of it, in the page's order (a radio
   * group once, at its checked button), each with the visible focus ring of the style sheet
   * (:focus-visible).
   */
  @Test
  void a_citizen_signs_in_and_reaches_every_field_of_the_application_by_keyboard_alone() {
    SampleRegistry.Person me = WORKERS.get(WORKERS.size() - 1);
    open(BrowserSuite.PHONE);
    browser.get(suite.page("/citizen/"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sign-in [name=subject]")));
    tabTo(By.cssSelector("#sign-in [name=subject]"));
    new Actions(browser).sendKeys(me.idNumber()).sendKeys(Keys.ENTER).perform();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("my-cards")));
    tabTo(By.linkText("申领"));
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apply")));
    List<WebElement> fields =
        form
            .findElements(By.cssSelector("input:not([type=hidden]), select, textarea, button"))
            .stream()
            .filter(WebElement::isDisplayed)
            // A radio group is one stop of Tab, at its checked button (the arrows move within it).
            .filter(f -> !"radio".equals(f.getAttribute("type")) || f.isSelected())
            .toList();
    assertTrue(fields.size() >= 6, "fields of the application: " + fields.size());
    for (WebElement field : fields) {
      WebElement reached = tabTo(field);
      assertEquals(
          "solid",
          ((JavascriptExecutor) browser)
              .executeScript("return getComputedStyle(arguments[0]).outlineStyle", reached),
          "no visible focus on " + reached.getAttribute("outerHTML"));
    }
    BrowserSuite.screenshot(browser, "citizen-keyboard");
  }

  /** Presses Tab until {@code target} has the focus (at most 40 times); returns it. */
  private WebElement tabTo(By target) {
    return tabTo(wait.until(ExpectedConditions.presenceOfElementLocated(target)));
  }

  private WebElement tabTo(WebElement target) {
    for (int presses = 0; presses < 40; presses++) {
      if (browser.switchTo().activeElement().equals(target)) {
        return target;
      }
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError(
        "not reached with Tab after 40 presses: " + target.getAttribute("outerHTML"));
  }

  private void signIn(String idNumber) {
    browser.get(suite.page("/citizen/"));
    WebElement subject =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#sign-in [name=subject]")));
    subject.sendKeys(idNumber);
    subject.submit();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("my-cards")));
  }

  private void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  private WebElement input(String field) {
    return browser.findElement(By.cssSelector("main [data-field='" + field + "']"));
  }

  private void type(String field, String text) {
    input(field).sendKeys(text);
  }
}
