package cn.bj.hrss.card.frontends;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * An automated accessibility check of what a page shows now: Deque's axe-core (the {@code
 * axe.min.js} of the Maven artifact {@code com.deque.html.axe-core:selenium}, a test dependency)
 * run in the page through WebDriver's script execution (the pages' Content-Security-Policy admits
 * no script from elsewhere, but a script WebDriver runs is not a page's script), against WCAG 2.1 A
 * and AA and axe's best practices. Every violation found is written to {@code
 * frontends/target/accessibility/NAME.txt}, with what axe could not decide alone (impact {@code
 * review}: e.g. a contrast over an image); {@link #assertNoSeriousViolations} fails on the
 * violations axe rates serious or critical.
 */
final class Accessibility {

  static final Path REPORTS = BrowserSuite.TARGET.resolve("accessibility");
  private static final List<String> FAILING = List.of("serious", "critical");
  private static String axe;

  private Accessibility() {}

  /** One violation: axe's rule id, its impact, what it asks, and where (CSS selectors). */
  record Violation(String rule, String impact, String help, List<String> where) {
    @Override
    public String toString() {
      return rule + " (" + impact + "): " + help + " " + where;
    }
  }

  /**
   * Runs axe on what {@code driver} shows now: its violations and, as impact {@code review}, what
   * it could not decide; all also go to NAME.txt.
   */
  static List<Violation> check(WebDriver driver, String name) {
    JavascriptExecutor page = (JavascriptExecutor) driver;
    page.executeScript(axeSource());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> found =
        (List<Map<String, Object>>)
            page.executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then((results) => done([
                    ...results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help,
                      where: v.nodes.map((n) => n.target.join(' ')) })),
                    ...results.incomplete.map((v) => ({ rule: v.id, impact: 'review', help: v.help,
                      where: v.nodes.map((n) => n.target.join(' ')) }))]))
                  .catch((e) => done([{ rule: 'axe-error', impact: 'critical', help: String(e), where: [] }]));
                """);
    @SuppressWarnings("unchecked")
    List<Violation> violations =
        found.stream()
            .map(
                v ->
                    new Violation(
                        (String) v.get("rule"),
                        (String) v.get("impact"),
                        (String) v.get("help"),
                        (List<String>) v.get("where")))
            .toList();
    try {
      Files.createDirectories(REPORTS);
      StringBuilder report = new StringBuilder(driver.getCurrentUrl()).append('\n');
      violations.forEach(v -> report.append(v).append('\n'));
      Files.writeString(REPORTS.resolve(name + ".txt"), report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return violations;
  }

  /** Fails, listing them, when axe finds a serious or critical violation on the page now. */
  static void assertNoSeriousViolations(WebDriver driver, String name) {
    List<Violation> serious =
        check(driver, name).stream().filter(v -> FAILING.contains(v.impact())).toList();
    if (!serious.isEmpty()) {
      throw new AssertionError(
          "axe-core finds serious or critical accessibility violations on "
              + name
              + ":\n"
              + String.join("\n", serious.stream().map(Violation::toString).toList()));
    }
  }

  private static synchronized String axeSource() {
    if (axe == null) {
      try (InputStream in =
          Accessibility.class.getClassLoader().getResourceAsStream("axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException(
              "axe.min.js (com.deque.html.axe-core:selenium) is missing");
        }
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axe;
  }
}
