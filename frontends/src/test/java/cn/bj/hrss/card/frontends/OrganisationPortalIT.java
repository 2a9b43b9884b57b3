package cn.bj.hrss.card.frontends;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.sample.SampleRegistry;
import cn.bj.hrss.card.sample.SampleRegistry.Person;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The employer and university portal (issue 21 item 2) in a real Chromium against the real suite:
 * an employer keeps its banks, uploads a staff file and sees each row's result (a refused row with
 * its rule id and Chinese message), then its people's applications with status and due date, and
 * downloads the API's CSV through the page's link; another organisation's list is refused by the
 * API, and the page shows that refusal.
 */
class OrganisationPortalIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static BrowserSuite suite;
  private static WebDriver browser;
  private static Path downloads;

  @BeforeAll
  static void start() throws IOException {
    suite = BrowserSuite.get();
    browser = BrowserSuite.browser(BrowserSuite.DESK);
    downloads = Files.createTempDirectory(BrowserSuite.TARGET, "organisation-downloads");
    ((ChromeDriver) browser)
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toString()));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void an_employer_uploads_its_staff_sees_each_row_then_its_people_and_exports_them()
      throws IOException {
    List<Person> staff =
        SampleRegistry.generated(50, SampleRegistry.SEED).stream()
            .filter(p -> SampleRegistry.EMPLOYER.equals(p.organisationId()))
            .toList();
    Person good = staff.get(staff.size() - 1);
    Person bad = staff.get(staff.size() - 2);
    signIn("用人单位", SampleRegistry.EMPLOYER, "/organisation/");

    // The banks as the API allows: 1 to 3 of the cooperating banks (the sample's own three), the
    // boxes being the API's cooperating banks (GET /cooperating-banks).
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#banks-form input[name=bank][value=ICBC]")));
    List<String> boxes =
        browser.findElements(By.cssSelector("#banks-form input[name=bank]")).stream()
            .map(box -> box.getAttribute("value"))
            .toList();
    List<String> cooperating =
        given()
            .header(
                "Authorization",
                "Bearer " + suite.tokens.issuer().token("employer", SampleRegistry.EMPLOYER))
            .get(suite.url("application-service") + "/cooperating-banks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("code");
    assertEquals(cooperating, boxes);
    for (WebElement box : browser.findElements(By.cssSelector("#banks-form input[name=bank]"))) {
      boolean wanted = List.of("ICBC", "CCB", "BOB").contains(box.getAttribute("value"));
      if (box.isSelected() != wanted) {
        box.click();
      }
    }
    browser.findElement(By.cssSelector("#banks-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textMatches(By.id("banks-saved"), Pattern.compile("已保存")));
    String savedBanks = browser.findElement(By.id("banks-saved")).getText();

    // The staff file: a good row and a row whose bank is not one of the employer's (R-BANK-2).
    Path file = Files.createTempFile(BrowserSuite.TARGET, "staff-", ".csv");
    Files.writeString(
        file,
        "\uFEFFidNumber,name,mobile,bankCode,collectionMethod,outletName,address\r\n"
            + row(good, "ICBC")
            + row(bad, "BOC"),
        StandardCharsets.UTF_8);
    browser.findElement(By.id("staff-file")).sendKeys(file.toAbsolutePath().toString());
    browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-rows tbody tr")));
    List<String> goodRow = cells("#import-rows tr[data-line='2'] > *");
    List<String> badRow = cells("#import-rows tr[data-line='3'] > *");
    String summary = browser.findElement(By.id("import-summary")).getText();
    BrowserSuite.screenshot(browser, "organisation-import");

    // Its people's applications: the new card with its status and due date.
    String cardId = goodRow.size() > 2 ? goodRow.get(2) : "";
    By listed = By.cssSelector("#applications-table tr[data-card='" + cardId + "'] > *");
    wait.until(ExpectedConditions.presenceOfElementLocated(listed));
    List<String> listRow = cells("#applications-table tr[data-card='" + cardId + "'] > *");
    String listSummary = browser.findElement(By.id("list-summary")).getText();
    show(browser.findElement(By.id("applications-table")));
    BrowserSuite.screenshot(browser, "organisation-applications");
    Accessibility.assertNoSeriousViolations(browser, "organisation-applications");

    // The export: the API's CSV behind the page's Blob link, downloaded by the browser.
    browser.findElement(By.id("export-csv")).click();
    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.id("export-link")));
    String href = link.getAttribute("href");
    link.click();
    Path downloaded = downloads.resolve("applications.csv");
    Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(downloaded));
    String exported = Files.readString(downloaded, StandardCharsets.UTF_8);
    String apiCsv =
        given()
            .header(
                "Authorization",
                "Bearer " + suite.tokens.issuer().token("employer", SampleRegistry.EMPLOYER))
            .accept("text/csv")
            .when()
            .get(
                suite.url("application-service")
                    + "/organisations/"
                    + SampleRegistry.EMPLOYER
                    + "/applications")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String apiHeader = apiCsv.replace("\uFEFF", "").lines().findFirst().orElse("");
    BrowserSuite.screenshot(browser, "organisation-export");

    assertAll(
        () ->
            assertTrue(
                savedBanks.contains("工商银行（ICBC）")
                    && savedBanks.contains("北京银行（BOB）")
                    && savedBanks.contains("建设银行（CCB）"),
                savedBanks),
        () -> assertEquals("共读取 2 行：已受理 1 行，未受理 1 行", summary),
        () -> assertTrue(goodRow.get(1).matches("已受理|已有申领"), goodRow::toString),
        () -> assertTrue(cardId.matches("[A-Za-z0-9-]{8,}"), goodRow::toString),
        () -> assertEquals("未受理", badRow.get(1), badRow::toString),
        () ->
            assertTrue(badRow.get(2).startsWith("请在单位确定的合作银行中选择其一：BOB、CCB、ICBC"), badRow::toString),
        () -> assertEquals("R-BANK-2", badRow.get(3), badRow::toString),
        () -> assertEquals("银行代码（bankCode）", badRow.get(4), badRow::toString),
        () -> assertEquals(good.name().charAt(0), listRow.get(0).charAt(0), listRow::toString),
        () -> assertEquals("已受理", listRow.get(2), listRow::toString),
        () ->
            assertTrue(
                listRow.get(7).matches("\\d{4}-\\d{2}-\\d{2}（R-SLA-\\d+）"), listRow::toString),
        () -> assertEquals("否", listRow.get(8), listRow::toString),
        () -> assertEquals("是", listRow.get(9), listRow::toString),
        () -> assertTrue(listSummary.startsWith("共 "), listSummary),
        () -> assertTrue(href.startsWith("blob:"), href),
        () -> assertTrue(exported.startsWith("\uFEFF"), "Excel's byte-order mark"),
        () -> assertTrue(apiHeader.startsWith("cardId,holderName,"), apiHeader),
        () ->
            assertEquals(apiHeader, exported.replace("\uFEFF", "").lines().findFirst().orElse("")),
        () -> assertTrue(exported.contains(cardId), "the new card is exported"));
  }

  /**
   * R-BANK-3, S-LIST-2: a university's collective application for its students insured en bloc,
   * each row answered on its own: its student with a bank the university did not choose is refused
   * (R-BANK-3, the column named), the same student with one of its banks accepted, a student who is
   * not its own refused as for anyone not its own (ACCESS-DENIED); the student's application is
   * then in the university's list, and the employer's list is refused to the university.
   */
  @Test
  void a_university_uploads_its_students_and_sees_each_rows_result() throws IOException {
    Person student = SampleRegistry.STUDENT;
    Person notOurs =
        SampleRegistry.generated(50, SampleRegistry.SEED).stream()
            .filter(p -> p.category().equals("COLLEGE_STUDENT") && p.organisationId().isEmpty())
            .findFirst()
            .orElseThrow();
    signIn("高校", SampleRegistry.UNIVERSITY, "/organisation/");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    Path file = Files.createTempFile(BrowserSuite.TARGET, "students-", ".csv");
    Files.writeString(
        file,
        "idNumber,name,mobile,bankCode,collectionMethod,outletName,address\n"
            + mailed(student, "ICBC")
            + mailed(student, "BOC")
            + mailed(notOurs, "BOC"),
        StandardCharsets.UTF_8);
    browser.findElement(By.id("staff-file")).sendKeys(file.toAbsolutePath().toString());
    browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-rows tbody tr")));
    String summary = browser.findElement(By.id("import-summary")).getText();
    List<String> wrongBank = cells("#import-rows tr[data-line='2'] > *");
    List<String> accepted = cells("#import-rows tr[data-line='3'] > *");
    List<String> refused = cells("#import-rows tr[data-line='4'] > *");
    BrowserSuite.screenshot(browser, "organisation-university-import");
    Accessibility.assertNoSeriousViolations(browser, "organisation-university-import");

    String cardId = accepted.size() > 2 ? accepted.get(2) : "";
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#applications-table tr[data-card='" + cardId + "']")));
    List<String> listRow = cells("#applications-table tr[data-card='" + cardId + "'] > *");
    show(browser.findElement(By.id("applications-table")));
    BrowserSuite.screenshot(browser, "organisation-university-applications");

    browser.get(suite.page("/organisation/?org=" + SampleRegistry.EMPLOYER));
    WebElement stranger =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#list-filters .refusal")));
    String strangerText = stranger.getText();
    int strangerRows = browser.findElements(By.cssSelector("#applications-table tbody tr")).size();
    assertAll(
        () -> assertEquals("共读取 3 行：已受理 1 行，未受理 2 行", summary),
        () -> assertEquals("未受理", wrongBank.get(1), wrongBank::toString),
        () ->
            assertEquals(
                "您通过学校整建制参保，请在学校确定的合作银行中选择其一：BOC、PSBC", wrongBank.get(2), wrongBank::toString),
        () -> assertEquals("R-BANK-3", wrongBank.get(3), wrongBank::toString),
        () -> assertEquals("银行代码（bankCode）", wrongBank.get(4), wrongBank::toString),
        () -> assertTrue(accepted.get(1).matches("已受理|已有申领"), accepted::toString),
        () -> assertTrue(cardId.matches("[A-Za-z0-9-]{8,}"), accepted::toString),
        () -> assertEquals("未受理", refused.get(1), refused::toString),
        () -> assertEquals("您无权办理或查询此项业务。", refused.get(2), refused::toString),
        () -> assertEquals("ACCESS-DENIED", refused.get(3), refused::toString),
        () -> assertEquals(student.name().charAt(0), listRow.get(0).charAt(0), listRow::toString),
        () -> assertEquals("中国银行（BOC）", listRow.get(3), listRow::toString),
        () -> assertEquals("是", listRow.get(9), listRow::toString),
        () -> assertEquals("您无权办理或查询此项业务。（ACCESS-DENIED）", strangerText),
        () -> assertEquals(0, strangerRows, "no row of the employer is shown"));
  }

  @Test
  void another_organisations_list_is_refused_by_the_api_on_the_page() {
    signIn("用人单位", SampleRegistry.EMPLOYER, "/organisation/?org=" + SampleRegistry.UNIVERSITY);
    WebElement refusal =
        new WebDriverWait(browser, WAIT)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#list-filters .refusal")));
    String shown = refusal.getText();
    String rule = refusal.getAttribute("data-rule");
    int rows = browser.findElements(By.cssSelector("#applications-table tbody tr")).size();
    show(refusal);
    BrowserSuite.screenshot(browser, "organisation-stranger");
    Accessibility.assertNoSeriousViolations(browser, "organisation-stranger");
    assertAll(
        () -> assertEquals("ACCESS-DENIED", rule),
        () -> assertEquals("您无权办理或查询此项业务。（ACCESS-DENIED）", shown),
        () -> assertEquals(0, rows, "no row of the university is shown"));
  }

  /** Opens PAGE with no session and signs in through the page's own form, by keyboard. */
  private static void signIn(String roleLabel, String organisation, String page) {
    browser.get(suite.page(page));
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    WebElement role =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#sign-in select[name=role]")));
    new Select(role).selectByVisibleText(roleLabel);
    WebElement subject = browser.findElement(By.cssSelector("#sign-in input[name=subject]"));
    subject.sendKeys(organisation);
    subject.sendKeys(Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in"), organisation));
  }

  private static String row(Person person, String bank) {
    return String.join(
            ",",
            person.idNumber(),
            person.name(),
            "13800000000",
            bank,
            "OUTLET_PICKUP",
            "工商银行北京朝阳门支行",
            "")
        + "\r\n";
  }

  private static String mailed(Person person, String bank) {
    return String.join(
            ",", person.idNumber(), person.name(), "13500003333", bank, "MAIL", "", "北京市海淀区学院路1号")
        + "\n";
  }

  /** Scrolls ELEMENT into view for the screenshot. */
  private static void show(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", element);
  }

  private static List<String> cells(String selector) {
    return browser.findElements(By.cssSelector(selector)).stream()
        .map(WebElement::getText)
        .toList();
  }
}
