package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * API documents integrators can trust (issue 21 item 6, ADR 36): the four services' OpenAPI
 * documents, which each writes when it is built ({@code target/openapi/openapi.yaml}), and
 * docs/asyncapi.yaml lint with no error under Redocly's recommended rules ({@code
 * deploy/api-lint/redocly.yaml}), in one call of the real Redocly CLI.
 *
 * <p>The CLI is pinned by {@code deploy/api-lint/package.json} and its {@code package-lock.json},
 * installed with {@code npm ci} into {@code deploy/target/api-lint} (no install scripts run) and
 * run with the machine's Node.js (20.19 or later, with npm); nothing downloads a Node.js binary.
 */
class ApiDocumentsLintTest {

  private static final Path HOME =
      Path.of(System.getProperty("suite.home", "..")).toAbsolutePath().normalize();
  private static final Path PINNED = HOME.resolve("deploy/api-lint");
  private static final Path INSTALLED = HOME.resolve("deploy/target/api-lint");
  private static final List<String> SERVICES = DocumentedPathsTest.SERVICES;

  @Test
  void the_openapi_and_asyncapi_documents_lint_without_errors_under_redoclys_recommended_rules()
      throws Exception {
    List<String> documents = new ArrayList<>();
    for (String service : SERVICES) {
      documents.add(DocumentedPathsTest.builtDocument(service, "openapi.yaml").toString());
    }
    documents.add(HOME.resolve("docs/asyncapi.yaml").toString());

    Files.createDirectories(INSTALLED);
    for (String file : List.of("package.json", "package-lock.json")) {
      Files.copy(
          PINNED.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Result install =
        run(
            List.of(
                "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"));
    assertEquals(0, install.exit(), "npm ci of the pinned Redocly CLI:\n" + install.output());

    List<String> lint = new ArrayList<>();
    lint.add("node");
    lint.add(INSTALLED.resolve("node_modules/@redocly/cli/bin/cli.js").toString());
    lint.add("lint");
    lint.add("--config=" + PINNED.resolve("redocly.yaml"));
    lint.add("--format=summary");
    lint.addAll(documents);
    Result result = run(lint);
    assertEquals(0, result.exit(), "Redocly lint (recommended) found errors:\n" + result.output());
    assertTrue(result.output().contains("validated"), "Redocly did not lint:\n" + result.output());
  }

  /**
   * Redocly's recommended rules do not ask for request examples; integrators do. Each service gives
   * them in {@code src/main/resources/openapi/request-examples.json} (refusal's ApiDocumentFilter).
   */
  @Test
  void every_request_body_of_every_service_has_an_example_per_media_type() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> without = new ArrayList<>();
    int bodies = 0;
    for (String service : SERVICES) {
      JsonNode paths =
          yaml.readTree(DocumentedPathsTest.builtDocument(service, "openapi.yaml").toFile())
              .path("paths");
      for (var path : iterable(paths.fields())) {
        for (var operation : iterable(path.getValue().fields())) {
          for (var media :
              iterable(operation.getValue().path("requestBody").path("content").fields())) {
            bodies++;
            if (!media.getValue().has("example") && !media.getValue().has("examples")) {
              without.add(
                  service + " " + operation.getKey() + " " + path.getKey() + " " + media.getKey());
            }
          }
        }
      }
    }
    assertTrue(bodies > 30, "request bodies read: " + bodies);
    assertEquals(List.of(), without, "request bodies without an example");
  }

  /**
   * A command on a card can be refused for the card's state (409, the rule id says which): each
   * one's answer is documented with the shared refusals of application-service's {@code
   * openapi/conflicts.json}, the order of the card's steps among them.
   */
  @Test
  void every_command_on_a_card_documents_its_409_with_the_rules_that_give_it() throws IOException {
    JsonNode paths =
        new ObjectMapper(new YAMLFactory())
            .readTree(
                DocumentedPathsTest.builtDocument("application-service", "openapi.yaml").toFile())
            .path("paths");
    List<String> commands = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (var path : iterable(paths.fields())) {
      JsonNode post = path.getValue().path("post");
      if (!path.getKey().startsWith("/cards/{cardId}/") || post.isMissingNode()) {
        continue;
      }
      commands.add(path.getKey());
      JsonNode examples =
          post.path("responses")
              .path("409")
              .path("content")
              .path("application/problem+json")
              .path("examples");
      if (!examples.has("LIFECYCLE-ORDER") || !examples.has("S-WITHDRAW-1")) {
        without.add(path.getKey());
      }
    }
    assertTrue(commands.size() >= 15, "commands on a card read: " + commands);
    assertEquals(List.of(), without, "commands on a card without their 409");
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }

  private record Result(int exit, String output) {}

  /** A command in {@code deploy/target/api-lint}, its output and error together. */
  private static Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(INSTALLED.toFile());
    builder.redirectErrorStream(true);
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          "the API documents are linted with the machine's Node.js (20.19 or later) and npm: "
              + command.get(0)
              + " is not on the PATH",
          e);
    }
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
