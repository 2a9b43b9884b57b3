package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.sample.SampleRegistry;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The citizen H5 app on a phone (issue 21 item 1): a citizen signs in, applies with a mistake and
 * reads the API's own refusal beside the field it names, corrects it, applies, follows the card in
 * "my cards" with its timeline and due date, changes the application and checks an SMS; a stranger
 * opening that card reads the API's refusal, not the card; and what the page costs a slow phone.
 */
class CitizenAppIT {

  private static final String WECHAT = "BEIJING_HRSS_WECHAT";
  private static final List<SampleRegistry.Person> WORKERS =
      SampleRegistry.generated(50, SampleRegistry.SEED).stream()
          .filter(p -> p.category().equals("FLEXIBLE_WORKER"))
          .toList();

  private static BrowserSuite suite;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void start() {
    suite = BrowserSuite.get();
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

    // A bank that is not a cooperating bank: the API's refusal, beside the bank's field.
    click(By.linkText("申领"));
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apply")));
    type("applicant.name", me.name());
    type("applicant.mobile", mobile);
    type("bankCode", "XYZ");
    new Select(input("collection.method")).selectByValue("MAIL");
    type("collection.address", "北京市海淀区示例路1号");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement refusal =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#apply .refusal")));
    JsonPath api =
        citizen(me.idNumber())
            .header("X-Channel", WECHAT)
            .body(application(me, mobile, "XYZ"))
            .post(suite.url("application-service") + "/cards")
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

    // Corrected, the application goes through and the card's page shows its timeline.
    input("bankCode").clear();
    type("bankCode", "ICBC");
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
        citizen(me.idNumber())
            .get(suite.url("application-service") + "/me/cards")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
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

    // Before production the application may change (S-CHANGE-1): another bank.
    mine.findElement(By.linkText("查看详情与办理")).click();
    WebElement change = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change")));
    change.findElement(By.cssSelector("[data-field=bankCode]")).sendKeys("CCB");
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
    String cardId =
        citizen(owner.idNumber())
            .header("X-Channel", WECHAT)
            .body(application(owner, "13911112222", "BOB"))
            .post(suite.url("application-service") + "/cards")
            .then()
            .extract()
            .jsonPath()
            .getString("cardId");
    JsonPath api =
        citizen(stranger.idNumber())
            .get(suite.url("application-service") + "/cards/" + cardId)
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

  private RequestSpecification citizen(String idNumber) {
    return given()
        .header("Authorization", "Bearer " + suite.tokens.issuer().citizen(idNumber))
        .contentType("application/json");
  }

  private static Map<String, Object> application(
      SampleRegistry.Person person, String mobile, String bank) {
    return Map.of(
        "applicant", Map.of("idNumber", person.idNumber(), "name", person.name(), "mobile", mobile),
        "bankCode", bank,
        "collection", Map.of("method", "MAIL", "address", "北京市海淀区示例路1号"));
  }
}
