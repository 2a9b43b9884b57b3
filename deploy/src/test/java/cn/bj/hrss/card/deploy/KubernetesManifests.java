package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The cluster manifests of {@code deploy/k8s}, read once as YAML documents for the tests that check
 * them without a cluster (KubernetesManifests*Test), and what the code says that they must agree
 * with: the services, their application.properties and SUITE_* variables, the partner banks.
 */
final class KubernetesManifests {

  private KubernetesManifests() {}

  static final Path SUITE = Path.of(System.getProperty("suite.home", "..")).normalize();

  static final Path K8S = SUITE.resolve("deploy/k8s");

  static final String NAMESPACE = "hrss-cards";

  /** One YAML document of one file. */
  record Doc(Path file, int index, JsonNode node) {
    String kind() {
      return node.path("kind").asText("");
    }

    String name() {
      return node.path("metadata").path("name").asText("");
    }

    String where() {
      return K8S.relativize(file) + "#" + index + " " + kind() + "/" + name();
    }
  }

  /** A pod the manifests create, directly (a Deployment) or through an operator. */
  record Pod(
      String owner, Map<String, String> labels, Set<Integer> ports, Map<String, Integer> named) {}

  static final List<Doc> DOCS = new ArrayList<>();

  static final List<String> PARSE_PROBLEMS = new ArrayList<>();

  static final List<Path> FILES = new ArrayList<>();

  static {
    try {
      load();
    } catch (IOException e) {
      throw new UncheckedIOException("deploy/k8s not read", e);
    }
  }

  private static void load() throws IOException {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try (Stream<Path> walk = Files.walk(K8S)) {
      walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .forEach(FILES::add);
    }
    for (Path file : FILES) {
      int index = 0;
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(reader)) {
        while (it.hasNextValue()) {
          JsonNode node = it.nextValue();
          if (node == null || node.isNull() || node.isMissingNode()) {
            continue;
          }
          DOCS.add(new Doc(file, index++, node));
        }
      } catch (IOException | RuntimeException e) {
        PARSE_PROBLEMS.add(K8S.relativize(file) + ": not valid YAML: " + e.getMessage());
      }
    }
  }

  static List<Pod> pods() {
    List<Pod> pods = new ArrayList<>();
    for (Doc d : ofKind("Deployment")) {
      pods.add(deploymentPod(d));
    }
    for (Doc pool : ofKind("KafkaNodePool")) {
      String cluster =
          pool.node().path("metadata").path("labels").path("strimzi.io/cluster").asText();
      Set<String> roles = new TreeSet<>();
      pool.node().path("spec").path("roles").forEach(r -> roles.add(r.asText()));
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("strimzi.io/cluster", cluster);
      labels.put("strimzi.io/kind", "Kafka");
      labels.put("strimzi.io/name", cluster + "-kafka");
      labels.put("strimzi.io/pool-name", pool.name());
      labels.put("strimzi.io/broker-role", Boolean.toString(roles.contains("broker")));
      labels.put("strimzi.io/controller-role", Boolean.toString(roles.contains("controller")));
      Set<Integer> ports = new TreeSet<>(Set.of(9090, 9091));
      if (roles.contains("broker")) {
        find("Kafka", cluster)
            .ifPresent(
                k ->
                    k.node()
                        .path("spec")
                        .path("kafka")
                        .path("listeners")
                        .forEach(l -> ports.add(l.path("port").asInt())));
      }
      pods.add(new Pod("KafkaNodePool/" + pool.name(), labels, ports, Map.of()));
    }
    for (Doc cluster : ofKind("Cluster")) {
      pods.add(
          new Pod(
              "Cluster/" + cluster.name(),
              Map.of("cnpg.io/cluster", cluster.name(), "cnpg.io/podRole", "instance"),
              Set.of(5432, 8000),
              Map.of()));
    }
    return pods;
  }

  static Pod pod(List<Pod> pods, String owner) {
    return pods.stream()
        .filter(p -> p.owner().equals(owner))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pods of " + owner + " in deploy/k8s"));
  }

  static Pod deploymentPod(Doc d) {
    Set<Integer> ports = new TreeSet<>();
    Map<String, Integer> named = new LinkedHashMap<>();
    for (JsonNode c : containers(d.node())) {
      for (JsonNode p : c.path("ports")) {
        ports.add(p.path("containerPort").asInt());
        if (p.has("name")) {
          named.put(p.get("name").asText(), p.path("containerPort").asInt());
        }
      }
    }
    return new Pod("Deployment/" + d.name(), podLabels(d), ports, named);
  }

  /**
   * The services: each a Kafka client with its own principal and a database schema with its own
   * role. Every Deployment is one of these or {@link #FRONTENDS}
   * (KubernetesManifestsWorkloadsTest).
   */
  static final List<String> SERVICES = List.copyOf(ServiceProcesses.DEFAULT_PORTS.keySet());

  /**
   * The static pages (ADR 39): no Kafka, no database, no key, and no connection to anything; the
   * pages call the services' public APIs from the person's browser.
   */
  static final String FRONTENDS = "frontends";

  static List<String> serviceNames() {
    return SERVICES;
  }

  static Doc deployment(String name) {
    return find("Deployment", name)
        .orElseThrow(() -> new AssertionError("no Deployment " + name + " in deploy/k8s"));
  }

  static Path applicationProperties(String module) {
    return SUITE.resolve(module).resolve("src/main/resources/application.properties");
  }

  static Properties properties(String module) throws IOException {
    Properties p = new Properties();
    try (Reader r =
        Files.newBufferedReader(applicationProperties(module), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  static List<Doc> ofKind(String kind) {
    return DOCS.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  static Optional<Doc> find(String kind, String name) {
    return ofKind(kind).stream().filter(d -> d.name().equals(name)).findFirst();
  }

  static Map<String, String> podLabels(Doc deployment) {
    return strings(deployment.node().path("spec").path("template").path("metadata").path("labels"));
  }

  static List<JsonNode> containers(JsonNode object) {
    List<JsonNode> containers = new ArrayList<>();
    object.path("spec").path("template").path("spec").path("containers").forEach(containers::add);
    object
        .path("spec")
        .path("template")
        .path("spec")
        .path("initContainers")
        .forEach(containers::add);
    return containers;
  }

  /** A label selector (matchLabels and matchExpressions); an empty selector selects everything. */
  static boolean selects(JsonNode selector, Map<String, String> labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    if (!labels.entrySet().containsAll(strings(selector.path("matchLabels")).entrySet())) {
      return false;
    }
    for (JsonNode e : selector.path("matchExpressions")) {
      String value = labels.get(e.path("key").asText());
      Set<String> values = new TreeSet<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (e.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static Map<String, String> strings(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static Optional<Integer> resolvePort(JsonNode port, Map<String, Integer> named) {
    if (port == null || port.isMissingNode()) {
      return Optional.empty();
    }
    if (port.isInt()) {
      return Optional.of(port.asInt());
    }
    return Optional.ofNullable(named.get(port.asText()));
  }

  static Map<String, String> configMapData(String name) {
    return strings(
        find("ConfigMap", name)
            .orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in deploy/k8s"))
            .node()
            .path("data"));
  }

  static JsonNode envSource(Doc deployment, String var) {
    for (JsonNode c : containers(deployment.node())) {
      for (JsonNode env : c.path("env")) {
        if (env.path("name").asText().equals(var)) {
          return env.path("valueFrom");
        }
      }
    }
    return MissingNode.getInstance();
  }

  static int brokers(String kafka) {
    int brokers = 0;
    for (Doc pool : ofKind("KafkaNodePool")) {
      boolean broker = false;
      for (JsonNode role : pool.node().path("spec").path("roles")) {
        broker |= role.asText().equals("broker");
      }
      if (broker
          && kafka.equals(
              pool.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
        brokers += pool.node().path("spec").path("replicas").asInt();
      }
    }
    return brokers;
  }

  static void assertNoProblems(List<String> problems) {
    if (!problems.isEmpty()) {
      fail(problems.size() + " problem(s) in deploy/k8s:\n  " + String.join("\n  ", problems));
    }
  }
}
