package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The measure of issue 3, checked: docs/rules.md names every rule id of the notice's rules (the
 * copy in docs/notice/RULES.md, inside the repository) and every suite rule (S-*) the code names,
 * and every test it cites as proof, for a notice rule or a suite rule, is the named method of the
 * named test class.
 */
class RuleTableTest {

  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  private static final Path RULES = HOME.resolve("docs/notice/RULES.md");
  private static final Path TABLE = HOME.resolve("docs/rules.md");
  private static final Pattern DEFINED_RULE = Pattern.compile("^- (R-[A-Z]+-\\d+) ");
  private static final Pattern SUITE_RULE_NAMED = Pattern.compile("\\b(S-[A-Z]+-\\d+)\\b");
  private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");

  /** {@code ClassName#method}, or {@code #method} for the class cited last in the same cell. */
  private static final Pattern CITED_TEST =
      Pattern.compile("(?:^|[\\s/])([A-Z][A-Za-z0-9]*)?#([A-Za-z0-9_]+)(\\*?)$");

  @Test
  void every_rule_of_the_notice_has_a_row_naming_code_and_test() throws IOException {
    String table = Files.readString(TABLE);
    Set<String> defined = new LinkedHashSet<>();
    for (String line : Files.readAllLines(RULES)) {
      Matcher m = DEFINED_RULE.matcher(line.trim());
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
    assertEquals(
        List.of(), missing, "rule ids of docs/notice/RULES.md without a row in docs/rules.md");
  }

  @Test
  void every_suite_rule_the_code_names_has_a_row() throws IOException {
    String table = Files.readString(TABLE);
    Set<String> named = new TreeSet<>();
    try (Stream<Path> files = Files.walk(HOME)) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList()) {
        Matcher m = SUITE_RULE_NAMED.matcher(Files.readString(file));
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    List<String> missing = named.stream().filter(id -> !table.contains("| " + id + " |")).toList();
    assertTrue(named.contains("S-FACTORY-1"), "suite rules named in the code: " + named);
    assertEquals(List.of(), missing, "suite rules the code names, without a row in docs/rules.md");
  }

  @Test
  void the_rules_in_the_repository_are_the_shared_rules_where_those_are_at_hand()
      throws IOException {
    Path shared = HOME.resolve("../shared/domain/RULES.md");
    if (Files.exists(shared)) {
      assertEquals(
          Files.readString(shared),
          Files.readString(RULES),
          "docs/notice/RULES.md differs from " + shared + ": copy the notice's rules again");
    }
  }

  @Test
  void every_cited_test_is_the_named_method_of_the_named_class() throws IOException {
    Map<String, List<String>> testSources = testSourcesByClassName();
    List<String> wrong = new ArrayList<>();
    int cited = 0;
    for (String row : Files.readAllLines(TABLE)) {
      if (!row.startsWith("| R-") && !row.startsWith("| S-")) {
        continue;
      }
      String[] cells = row.split("(?<!\\\\)\\|");
      String provedBy =
          cells[cells.length - 1].isBlank() ? cells[cells.length - 2] : cells[cells.length - 1];
      String rule = cells[1].trim();
      String currentClass = null;
      Matcher quoted = QUOTED.matcher(provedBy);
      while (quoted.find()) {
        Matcher m = CITED_TEST.matcher(quoted.group(1).trim());
        if (!m.find()) {
          continue;
        }
        cited++;
        if (m.group(1) != null) {
          currentClass = m.group(1);
        }
        String method = m.group(2);
        boolean prefix = !m.group(3).isEmpty();
        String citation = rule + ": " + currentClass + "#" + method + (prefix ? "*" : "");
        if (currentClass == null) {
          wrong.add(citation + " (no class named before it in the cell)");
          continue;
        }
        List<String> sources = testSources.getOrDefault(currentClass, List.of());
        if (sources.isEmpty()) {
          wrong.add(citation + " (no test class of that name)");
        } else if (sources.stream().noneMatch(s -> declares(s, method, prefix))) {
          wrong.add(citation + " (the class has no such test method)");
        }
      }
    }
    assertTrue(cited > 100, "the table cites tests: " + cited);
    assertEquals(List.of(), wrong);
  }

  private static boolean declares(String source, String method, boolean prefix) {
    Pattern declaration =
        Pattern.compile(
            "void\\s+" + Pattern.quote(method) + (prefix ? "[A-Za-z0-9_]*" : "") + "\\s*\\(");
    return declaration.matcher(source).find();
  }

  private static Map<String, List<String>> testSourcesByClassName() throws IOException {
    Map<String, List<String>> byName = new HashMap<>();
    try (Stream<Path> files = Files.walk(HOME)) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/test/java/"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(Files.readString(file));
      }
    }
    return byName;
  }
}
