package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.devidentity.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends every operation of a service's own OpenAPI document the inputs a careless or hostile client
 * sends: broken JSON, the wrong shape, wrong types for each field, huge and deeply nested values,
 * unknown fields, no body, the wrong media type, and odd path and query values. Each answer must be
 * below 500, and every 4xx must be the suite's one refusal document (ADR 27): {@code
 * application/problem+json} with exactly the members {@code type} (the rule's URN), {@code title},
 * {@code status} (the answer's), {@code detail}, {@code rule}, {@code message} (Chinese) and, when
 * known, {@code field}. Every operation of the document must be swept, or named as skipped. Returns
 * what broke those promises, one line per request or operation, so that a test shows all of them at
 * once.
 */
public final class MalformedInputSweep {

  /** A caller: the headers of its requests (a token, a channel, ...), tried in this order. */
  public record Caller(String name, Map<String, String> headers) {}

  /**
   * How many requests were sent, the operations ("METHOD /path") swept, and what broke the promise
   * (including every operation of the OpenAPI document that was neither swept nor skipped).
   */
  public record Result(int requests, List<String> swept, List<String> findings) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ODD_VALUES =
      List.of(
          "x".repeat(2000),
          java.net.URLEncoder.encode("社保卡\u202E号码", java.nio.charset.StandardCharsets.UTF_8),
          "%00",
          "%0A%0D",
          "..%2F..%2Fetc",
          "-1e999");

  private final URI base;
  private final List<Caller> callers;
  private final Set<String> skipped;
  private final Map<String, String> pathValues;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<String> findings = new ArrayList<>();
  private final List<String> swept = new ArrayList<>();
  private int requests;

  /**
   * @param base the service's root, for example {@code http://localhost:8081}
   * @param callers the callers to try, in order: each operation is swept as the first one it does
   *     not refuse with 401 or 403
   * @param skipped operations not to sweep, each exactly as "METHOD /path" of the OpenAPI document
   *     (for example an endpoint that starts a long job even on an empty body); a name that is not
   *     an operation of the document is a finding
   */
  public MalformedInputSweep(URI base, List<Caller> callers, Set<String> skipped) {
    this(base, callers, skipped, Map.of());
  }

  /**
   * @param pathValues the value of a path parameter that names the caller (a factory's or a bank's
   *     own path: {@code factoryId}, {@code bankCode}), so that its operations let the caller in;
   *     every other path parameter is {@code sweep-<name>}
   */
  public MalformedInputSweep(
      URI base, List<Caller> callers, Set<String> skipped, Map<String, String> pathValues) {
    this.base = base;
    this.callers = callers;
    this.skipped = Set.copyOf(skipped);
    this.pathValues = Map.copyOf(pathValues);
  }

  /** The rebuild of the projection every consuming service has: it starts a long job. */
  public static final Set<String> REBUILD = Set.of("POST /projection/rebuild");

  /**
   * Sweeps a consuming service (no X-Channel needed) as a factory, a bank, an operator, an auditor
   * and a citizen, with tokens of the tests' issuer, on the factory's and the bank's own paths,
   * skipping the rebuild ({@link #REBUILD}); prints what it found.
   */
  public static Result sweepAsEveryRole(URI base) throws IOException, InterruptedException {
    DevTokens tokens = DevTokens.shared();
    List<Caller> callers = new ArrayList<>();
    for (String[] role :
        new String[][] {
          {"card-factory", "factory-1"}, {"bank", "ICBC"}, {"operator", "op-1"}, {"auditor", "a-1"}
        }) {
      callers.add(
          new Caller(role[0], Map.of("Authorization", "Bearer " + tokens.token(role[0], role[1]))));
    }
    callers.add(
        new Caller(
            "citizen", Map.of("Authorization", "Bearer " + tokens.citizen("11010519491231002X"))));
    return new MalformedInputSweep(
            base, callers, REBUILD, Map.of("factoryId", "factory-1", "bankCode", "ICBC"))
        .runAndPrint();
  }

  /** {@link #run()}, then prints the number of requests and every finding. */
  public Result runAndPrint() throws IOException, InterruptedException {
    Result result = run();
    System.out.println(
        "sweep: " + result.requests() + " requests, " + result.swept().size() + " operations");
    result.findings().forEach(f -> System.out.println("sweep finding: " + f));
    return result;
  }

  public Result run() throws IOException, InterruptedException {
    // The OpenAPI document is for operators and auditors (issue 16): read it as a staff caller.
    Map<String, String> staff =
        callers.stream()
            .filter(
                c -> c.name().equalsIgnoreCase("OPERATOR") || c.name().equalsIgnoreCase("AUDITOR"))
            .map(Caller::headers)
            .findFirst()
            .orElse(Map.of());
    JsonNode openApi =
        JSON.readTree(send("GET", "/q/openapi?format=json", staff, null, null).body());
    Set<String> operationsOfTheDocument = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().startsWith("/q/")) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
      while (operations.hasNext()) {
        Map.Entry<String, JsonNode> operation = operations.next();
        String method = operation.getKey().toUpperCase(Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          continue;
        }
        String name = method + " " + path.getKey();
        operationsOfTheDocument.add(name);
        if (!skipped.contains(name)) {
          sweep(openApi, method, path.getKey(), operation.getValue());
        }
      }
    }
    if (operationsOfTheDocument.isEmpty()) {
      findings.add("the OpenAPI document names no operation");
    }
    for (String name : operationsOfTheDocument) {
      if (!skipped.contains(name) && !swept.contains(name)) {
        findings.add(name + " -> not swept: every caller was refused (401 or 403)");
      }
    }
    for (String name : new TreeSet<>(skipped)) {
      if (!operationsOfTheDocument.contains(name)) {
        findings.add(name + " -> named as skipped, but not an operation of the OpenAPI document");
      }
    }
    return new Result(requests, List.copyOf(swept), List.copyOf(findings));
  }

  private void sweep(JsonNode openApi, String method, String template, JsonNode operation)
      throws IOException, InterruptedException {
    List<String> pathParams = new ArrayList<>();
    List<String> queryParams = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("in").asText().equals("path")) {
        pathParams.add(parameter.path("name").asText());
      } else if (parameter.path("in").asText().equals("query")) {
        queryParams.add(parameter.path("name").asText());
      }
    }
    JsonNode body = operation.path("requestBody").path("content");
    boolean hasBody = !body.isMissingNode() && body.size() > 0;
    String sampleBody = hasBody ? "{" : null;
    String path = fill(template, pathParams, null, null);
    Optional<Map<String, String>> caller = callerFor(method, path, sampleBody);
    if (caller.isEmpty()) {
      return; // named by run() as not swept
    }
    Map<String, String> headers = caller.get();
    swept.add(method + " " + template);
    // The request the caller was chosen by, now with its answer checked: so that an operation with
    // neither a body nor parameters is swept too.
    check(method, path, headers, "application/json", sampleBody);

    if (hasBody) {
      JsonNode schema = MalformedBodies.resolve(openApi, MalformedBodies.firstSchema(body));
      for (String variant : MalformedBodies.bodies(openApi, schema)) {
        check(method, path, headers, "application/json", variant);
      }
      check(method, path, headers, "application/json", null);
      check(method, path, headers, "text/plain", "{}");
      check(method, path, headers, "application/xml", "<a/>");
    }
    for (String name : pathParams) {
      for (String odd : ODD_VALUES) {
        check(
            method,
            fill(template, pathParams, name, odd),
            headers,
            "application/json",
            hasBody ? "{\"x\":" : null);
      }
    }
    for (String name : queryParams) {
      for (String odd : ODD_VALUES) {
        check(
            method,
            path + "?" + name + "=" + odd,
            headers,
            "application/json",
            hasBody ? "{\"x\":" : null);
      }
    }
  }

  /** The headers of the first caller the operation does not refuse outright; empty if none. */
  private Optional<Map<String, String>> callerFor(String method, String path, String body)
      throws IOException, InterruptedException {
    for (Caller caller : callers) {
      int status = send(method, path, caller.headers(), "application/json", body).statusCode();
      requests++;
      if (status != 401 && status != 403) {
        return Optional.of(caller.headers());
      }
    }
    return Optional.empty();
  }

  private String fill(String template, List<String> names, String odd, String value) {
    String path = template;
    for (String name : names) {
      path =
          path.replace(
              "{" + name + "}",
              name.equals(odd) ? value : pathValues.getOrDefault(name, "sweep-" + name));
    }
    return path;
  }

  private void check(
      String method, String path, Map<String, String> headers, String contentType, String body)
      throws IOException, InterruptedException {
    String what =
        method
            + " "
            + (path.length() > 80 ? path.substring(0, 80) + "..." : path)
            + " ["
            + contentType
            + "] "
            + (body == null
                ? "(no body)"
                : body.length() > 60 ? body.substring(0, 60) + "..." : body);
    HttpResponse<String> response;
    try {
      response = send(method, path, headers, contentType, body);
    } catch (IllegalArgumentException e) {
      return; // a URI the client itself refuses to send (for example a raw %ZZ): nothing to test
    } catch (IOException e) {
      findings.add(what + " -> connection failed: " + e);
      return;
    }
    requests++;
    int status = response.statusCode();
    if (status >= 500) {
      findings.add(what + " -> " + status + " " + abbreviate(response.body()));
    } else if (status >= 400) {
      String answered = response.headers().firstValue("Content-Type").orElse("");
      String wrong = RefusalDocumentCheck.notTheRefusalDocument(status, answered, response.body());
      if (wrong != null) {
        findings.add(what + " -> " + status + " " + wrong + ": " + abbreviate(response.body()));
      }
    }
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private HttpResponse<String> send(
      String method, String path, Map<String, String> headers, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (contentType != null && body != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
