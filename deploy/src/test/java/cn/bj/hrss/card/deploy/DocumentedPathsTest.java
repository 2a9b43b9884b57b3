package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docs that match the code (issue 20, item 9): every endpoint path that a README, docs/*.md or a
 * file of deploy/ names exists in one of the four services' OpenAPI documents, which each service
 * writes at build time to {@code target/openapi/openapi.json} ({@code
 * quarkus.smallrye-openapi.store-schema-directory}); and every ADR has a status line.
 *
 * <p>A path is what a document writes in backquotes starting with a slash, what follows an HTTP
 * verb ({@code POST /cards/{id}/loss-report}), or a quoted path in deploy's scripts and manifests.
 * A single segment such as {@code /dispatch} may be the end of a longer path a table abbreviates; a
 * path ending in {@code ...} stands for any path it begins. Quarkus' own paths ({@code /q/...}),
 * the SMS gateway simulator's (an outside party's stand-in, checked against its source) and
 * file-system paths are told apart by their first segment.
 */
class DocumentedPathsTest {

  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();

  /** The four services, each writing its OpenAPI document when it is built. */
  static final List<String> SERVICES = List.copyOf(ServiceProcesses.DEFAULT_PORTS.keySet());

  private static final Set<String> QUARKUS_PATHS =
      Set.of(
          "/q/health",
          "/q/health/live",
          "/q/health/ready",
          "/q/health/started",
          "/q/metrics",
          "/q/openapi");
  private static final Set<String> FILE_SYSTEM_ROOTS =
      Set.of(
          "tmp", "etc", "usr", "var", "opt", "root", "home", "dev", "proc", "work", "bin", "lib");

  /**
   * Outside parties' stand-ins (the local run's sign-in among them), the frontends' one JSON
   * document and the benchmark's baseline app, each checked against its source.
   */
  private static final List<String> OTHER_PROGRAMS =
      List.of(
          "partner-simulators/src/main/java/cn/bj/hrss/card/smsgateway/SmsGatewaySimulator.java",
          "deploy/src/main/java/cn/bj/hrss/card/deploy/DevIdentityIssuer.java",
          "frontends/src/main/java/cn/bj/hrss/card/frontends/SuiteConfigResource.java",
          "benchmark/trivial-rest/src/main/java/cn/bj/hrss/card/benchmark/trivial/TrivialResource.java");

  /** The frontends' pages: a path named is a folder or file of theirs. */
  private static final Path FRONTEND_PAGES =
      HOME.resolve("frontends/src/main/resources/META-INF/resources");

  private static final Pattern BACKQUOTED = Pattern.compile("`(/[A-Za-z][^`\\s]*)`");
  private static final Pattern AFTER_VERB =
      Pattern.compile("\\b(?:GET|POST|PUT|DELETE|PATCH) +`?(/[A-Za-z][^`\\s,;)]*)");
  private static final Pattern QUOTED_IN_SCRIPT = Pattern.compile("\"(/[a-z][A-Za-z0-9/{}$_.-]*)");

  @Test
  void every_endpoint_path_named_in_a_readme_or_in_deploy_exists_in_an_openapi_document()
      throws IOException {
    List<String> documented = operationsOfTheServices();
    StringBuilder others = new StringBuilder();
    for (String program : OTHER_PROGRAMS) {
      others.append(Files.readString(HOME.resolve(program)));
    }
    Set<String> unknown = new TreeSet<>();
    int checked = 0;
    for (Path file : namingFiles()) {
      String text = Files.readString(file);
      for (String named : namedPaths(file, text)) {
        String path = clean(named);
        String first = path.split("/")[1];
        if (path.length() < 2 || FILE_SYSTEM_ROOTS.contains(first)) {
          continue;
        }
        checked++;
        boolean known;
        if (first.equals("q")) {
          known = QUARKUS_PATHS.contains(path);
        } else {
          known =
              documented.stream().anyMatch(api -> matches(path, named, api))
                  || others.indexOf("\"" + path + "\"") >= 0
                  || others.indexOf("@Path(\"" + path.substring(1) + "\")") >= 0
                  || Files.exists(FRONTEND_PAGES.resolve(path.substring(1)));
        }
        if (!known) {
          unknown.add(HOME.relativize(file) + ": " + named);
        }
      }
    }
    assertTrue(checked > 100, "paths checked: " + checked);
    assertEquals(Set.of(), unknown, "paths named in docs or deploy/ that no service serves");
  }

  @Test
  void every_adr_has_a_status_line() throws IOException {
    List<String> without = new ArrayList<>();
    try (Stream<Path> adrs = Files.list(HOME.resolve("docs/adr"))) {
      for (Path adr : adrs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        List<String> lines = Files.readAllLines(adr);
        boolean status = lines.stream().limit(6).anyMatch(l -> l.startsWith("Status: "));
        if (!status) {
          without.add(adr.getFileName().toString());
        }
      }
    }
    assertEquals(List.of(), without, "ADRs without a 'Status: ' line under the title");
  }

  /** Each operation's path of the four services' build-time OpenAPI documents. */
  private static List<String> operationsOfTheServices() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> paths = new ArrayList<>();
    for (String service : SERVICES) {
      Path document = builtDocument(service, "openapi.json");
      Iterator<String> names = json.readTree(document.toFile()).path("paths").fieldNames();
      names.forEachRemaining(paths::add);
    }
    assertTrue(paths.size() > 60, "operations read: " + paths.size());
    return paths;
  }

  /** A service's OpenAPI document ({@code openapi.json} or {@code .yaml}) as its build wrote it. */
  static Path builtDocument(String service, String file) {
    Path document = HOME.resolve(service + "/target/openapi/" + file);
    assertTrue(
        Files.exists(document),
        document + " is written when the service is built: build it first (-am)");
    return document;
  }

  private static List<Path> namingFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(HOME)) {
      all.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(
              p -> {
                String relative = HOME.relativize(p).toString();
                String name = p.getFileName().toString();
                boolean readme = name.equals("README.md");
                boolean doc =
                    relative.startsWith("docs/")
                        && !relative.startsWith("docs/adr/")
                        && !relative.startsWith("docs/notice/")
                        && name.endsWith(".md");
                boolean deploy =
                    relative.startsWith("deploy/")
                        && !relative.startsWith("deploy/src/test/")
                        && (name.endsWith(".sh")
                            || name.endsWith(".yaml")
                            || name.endsWith(".md")
                            || name.endsWith(".java"));
                return readme || doc || deploy;
              })
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  private static Set<String> namedPaths(Path file, String text) {
    Set<String> named = new LinkedHashSet<>();
    String name = file.getFileName().toString();
    List<Pattern> patterns = new ArrayList<>(List.of(BACKQUOTED, AFTER_VERB));
    if (!name.endsWith(".md")) {
      patterns.add(QUOTED_IN_SCRIPT);
    }
    for (Pattern pattern : patterns) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        named.add(m.group(1));
      }
    }
    return named;
  }

  /** Without the query, a trailing "..." or slash, brackets and trailing punctuation. */
  private static String clean(String named) {
    String path = named;
    path = path.replaceAll("(?<!/)\\$\\{.*$", "");
    for (String end : List.of("?", "[", "...", "#", "/*")) {
      int at = path.indexOf(end);
      if (at > 0) {
        path = path.substring(0, at);
      }
    }
    path = path.replaceAll("[.:,'\"*]+$", "");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private static boolean matches(String path, String named, String api) {
    String[] doc = path.substring(1).split("/");
    String[] served = api.substring(1).split("/");
    // "...", or a string in code that a variable continues ("/notifications/cards/" + id)
    boolean abbreviated = named.contains("...") || named.endsWith("/") || named.endsWith("/*");
    if (doc.length == 1 && !abbreviated && served.length > 1) {
      // a table's "+ `/dispatch`": the end of a longer path; or a group's name: `/projection`
      return segmentMatches(doc[0], served[served.length - 1]) || doc[0].equals(served[0]);
    }
    if (abbreviated ? doc.length > served.length : doc.length != served.length) {
      return false;
    }
    for (int i = 0; i < doc.length; i++) {
      if (!segmentMatches(doc[i], served[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * A variable written in the doc matches any segment; a variable of the service's path matches a
   * value written in the doc ({@code ICBC}, {@code 2027}), not a word: {@code
   * /production-orders/rebuild} is not {@code /production-orders/{cardId}}.
   */
  private static boolean segmentMatches(String doc, String served) {
    if (doc.startsWith("{") || doc.startsWith("$") || doc.startsWith("<")) {
      return true;
    }
    if (served.startsWith("{")) {
      return !doc.matches("[a-z]+(-[a-z]+)*");
    }
    return doc.equals(served);
  }
}
