package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The measure of issue 3, checked: docs/rules.md names every rule id of RULES.md, and every test
 * method it cites exists in the project's test sources.
 */
class RuleTableTest {

  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  private static final Pattern RULE_ID = Pattern.compile("R-[A-Z]+-\\d+");
  private static final Pattern CITED_TEST = Pattern.compile("#([A-Za-z0-9_]+)(\\*?)");

  private static Set<String> ruleIds(String text) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = RULE_ID.matcher(text);
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  @Test
  void every_rule_of_the_notice_has_a_row_naming_code_and_test() throws IOException {
    Path rules = HOME.resolve("../shared/domain/RULES.md");
    String table = Files.readString(HOME.resolve("docs/rules.md"));
    assertTrue(Files.exists(rules), "RULES.md beside the checkout: " + rules);
    Set<String> defined = new LinkedHashSet<>();
    for (String line : Files.readAllLines(rules)) {
      Matcher m = Pattern.compile("^- (R-[A-Z]+-\\d+) ").matcher(line.trim());
      if (m.find()) {
        defined.add(m.group(1));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String id : defined) {
      if (!table.contains("| " + id + " |")) {
        missing.add(id);
      }
    }
    assertTrue(defined.size() >= 30, "RULES.md read: " + defined);
    assertEquals(List.of(), missing);
  }

  @Test
  void every_cited_test_method_exists() throws IOException {
    String table = Files.readString(HOME.resolve("docs/rules.md"));
    String tests = allTestSources();
    List<String> unknown = new ArrayList<>();
    Matcher m = CITED_TEST.matcher(table);
    int cited = 0;
    while (m.find()) {
      cited++;
      String name = m.group(1);
      boolean prefix = !m.group(2).isEmpty();
      if (!tests.contains("void " + name + (prefix ? "" : "("))) {
        unknown.add(name + (prefix ? "*" : ""));
      }
    }
    assertTrue(cited > 40, "the table cites tests: " + cited);
    assertEquals(List.of(), unknown);
    assertTrue(ruleIds(table).size() >= 30);
  }

  private static String allTestSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(HOME)) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/test/"))
              .toList()) {
        all.append(Files.readString(file));
      }
    }
    return all.toString();
  }
}
