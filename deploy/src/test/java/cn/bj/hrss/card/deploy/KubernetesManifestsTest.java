package cn.bj.hrss.card.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import cn.bj.hrss.card.contract.Topics;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the cluster manifests of {@code deploy/k8s} without a cluster, so that a typo cannot land:
 * every YAML document parses and names itself; Kubernetes and Strimzi objects map onto the
 * published Java models of their APIs with no unknown field; Deployments, Services, budgets,
 * configuration references and network policies fit together; and the manifests agree with the
 * code: the SUITE_* variables each service reads, its port and schema, the topics it uses, the
 * partner banks.
 */
class KubernetesManifestsTest {

  private static final Path SUITE = Path.of(System.getProperty("suite.home", "..")).normalize();
  private static final Path K8S = SUITE.resolve("deploy/k8s");
  private static final String NAMESPACE = "hrss-cards";

  /** SUITE_* variables a service may read that a cluster leaves unset, with the reason. */
  private static final Map<String, String> OPTIONAL =
      Map.of(
          "SUITE_FACTORY_SIMULATOR_BANKS", "only used by the factory simulator, which is off",
          "SUITE_KAFKA_TRUSTSTORE_TYPE", "PEM, from the file name ca.crt",
          "SUITE_KAFKA_TRUSTSTORE_PASSWORD", "a PEM trust store has none",
          "SUITE_KAFKA_KEYSTORE", "only for mutual TLS; the services use SCRAM-SHA-512",
          "SUITE_KAFKA_KEYSTORE_TYPE", "only for mutual TLS",
          "SUITE_KAFKA_KEYSTORE_PASSWORD", "only for mutual TLS");

  /** SUITE_* variables a cluster must never set. */
  private static final Map<String, String> FORBIDDEN =
      Map.of("SUITE_BUSINESS_DATE", "fixes 'today' for tests and demos; never in production");

  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUITE_REFERENCE =
      Pattern.compile("\\$\\{(SUITE_[A-Z0-9_]+)(:([^}]*))?}");
  private static final Pattern SUITE_CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"(suite\\.[^\"]+)\"");

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

  /** A pod of the namespace that none of the manifests names. */
  private static final Pod OUTSIDER =
      new Pod("outsider", Map.of("app.kubernetes.io/name", "something-else"), Set.of(), Map.of());

  private static final List<Doc> DOCS = new ArrayList<>();
  private static final List<String> PARSE_PROBLEMS = new ArrayList<>();
  private static final List<Path> FILES = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
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

  // ---- the documents themselves ---------------------------------------------------------------

  @Test
  void everyDocumentParsesAndNamesItself() {
    List<String> problems = new ArrayList<>(PARSE_PROBLEMS);
    assertFalse(FILES.isEmpty(), "no YAML file under " + K8S);
    Set<String> seen = new LinkedHashSet<>();
    for (Doc doc : DOCS) {
      JsonNode n = doc.node();
      if (!n.isObject()) {
        problems.add(doc.where() + ": not a mapping");
        continue;
      }
      if (n.path("apiVersion").asText("").isBlank()) {
        problems.add(doc.where() + ": no apiVersion");
      }
      if (doc.kind().isBlank()) {
        problems.add(doc.where() + ": no kind");
      }
      if (doc.kind().equals("Kustomization")) {
        continue;
      }
      String name = doc.name();
      if (name.isBlank()) {
        problems.add(doc.where() + ": no metadata.name");
      } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
        problems.add(doc.where() + ": metadata.name is not a DNS subdomain name");
      } else if (Set.of("Service", "Namespace").contains(doc.kind())
          && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
        problems.add(doc.where() + ": a " + doc.kind() + " name must be a DNS label");
      }
      String namespace = n.path("metadata").path("namespace").asText("");
      if (CLUSTER_SCOPED.contains(doc.kind())) {
        if (!namespace.isEmpty()) {
          problems.add(doc.where() + ": cluster-scoped, but names a namespace");
        }
      } else if (!namespace.equals(NAMESPACE)) {
        problems.add(doc.where() + ": metadata.namespace must be " + NAMESPACE);
      }
      String group = n.path("apiVersion").asText("").replaceAll("/[^/]*$", "");
      if (!seen.add(group + "/" + doc.kind() + "/" + namespace + "/" + name)) {
        problems.add(doc.where() + ": defined twice");
      }
      stringsOnly(doc, n.path("metadata").path("labels"), "metadata.labels", problems);
      stringsOnly(doc, n.path("metadata").path("annotations"), "metadata.annotations", problems);
      if (Set.of("ConfigMap", "Secret").contains(doc.kind())) {
        stringsOnly(doc, n.path("data"), "data", problems);
        stringsOnly(doc, n.path("stringData"), "stringData", problems);
      }
      for (JsonNode container : containers(n)) {
        for (JsonNode env : container.path("env")) {
          if (env.has("value") && !env.get("value").isTextual()) {
            problems.add(doc.where() + ": env " + env.path("name").asText() + " is not a string");
          }
        }
      }
    }
    assertFalse(DOCS.isEmpty(), "no YAML document under " + K8S);
    assertNoProblems(problems);
  }

  /**
   * Maps every Kubernetes and Strimzi object onto the Java model of its API (fabric8's Kubernetes
   * model, Strimzi's api module) with unknown fields refused: a misspelt or misplaced field, or a
   * value of the wrong type, fails here as the API server would refuse it. CloudNativePG publishes
   * no such model; its objects get the structural checks further down.
   */
  @Test
  void kubernetesAndStrimziObjectsMatchTheirApiModels() {
    Map<String, Class<?>> models = new LinkedHashMap<>();
    models.put("v1/Namespace", Namespace.class);
    models.put("v1/ConfigMap", ConfigMap.class);
    models.put("v1/Secret", Secret.class);
    models.put("v1/Service", Service.class);
    models.put("apps/v1/Deployment", Deployment.class);
    models.put("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
    models.put("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    for (String version : List.of("v1beta2", "v1")) {
      models.put("kafka.strimzi.io/" + version + "/Kafka", Kafka.class);
      models.put("kafka.strimzi.io/" + version + "/KafkaNodePool", KafkaNodePool.class);
      models.put("kafka.strimzi.io/" + version + "/KafkaTopic", KafkaTopic.class);
      models.put("kafka.strimzi.io/" + version + "/KafkaUser", KafkaUser.class);
    }
    Set<String> structuralOnly =
        Set.of(
            "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/Database",
            "kustomize.config.k8s.io/v1beta1/Kustomization");
    ObjectMapper strict = strictMapper();
    List<String> problems = new ArrayList<>();
    for (Doc doc : DOCS) {
      String type = doc.node().path("apiVersion").asText() + "/" + doc.kind();
      Class<?> model = models.get(type);
      if (model == null) {
        if (!structuralOnly.contains(type)) {
          problems.add(doc.where() + ": " + type + " is neither known to this test nor checked");
        }
        continue;
      }
      try {
        strict.treeToValue(doc.node(), model);
      } catch (IOException | IllegalArgumentException e) {
        problems.add(doc.where() + ": does not fit " + type + ": " + firstLine(e.getMessage()));
      }
    }
    assertNoProblems(problems);
  }

  // ---- workloads --------------------------------------------------------------------------------

  @Test
  void deploymentsAreCompleteAndFitTheirService() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Doc> deployments = ofKind("Deployment");
    assertFalse(deployments.isEmpty(), "no Deployment");
    for (Doc doc : deployments) {
      JsonNode spec = doc.node().path("spec");
      JsonNode template = spec.path("template");
      Map<String, String> labels = strings(template.path("metadata").path("labels"));
      if (!selects(spec.path("selector"), labels)) {
        problems.add(doc.where() + ": spec.selector does not match the template's labels");
      }
      if (spec.path("selector").path("matchLabels").isEmpty()) {
        problems.add(doc.where() + ": spec.selector has no matchLabels");
      }
      if (spec.path("replicas").asInt(1) < 2) {
        problems.add(doc.where() + ": fewer than 2 replicas");
      }
      Path module = SUITE.resolve(doc.name());
      if (!Files.isRegularFile(applicationProperties(doc.name()))) {
        problems.add(doc.where() + ": no module " + doc.name() + " with application.properties");
        continue;
      }
      Properties properties = properties(doc.name());
      String httpPort = properties.getProperty("quarkus.http.port");
      JsonNode podSpec = template.path("spec");
      JsonNode podSecurity = podSpec.path("securityContext");
      if (!podSecurity.path("runAsNonRoot").asBoolean(false)) {
        problems.add(doc.where() + ": pod securityContext.runAsNonRoot is not true");
      }
      if (podSecurity.has("runAsUser") && podSecurity.path("runAsUser").asInt() == 0) {
        problems.add(doc.where() + ": runs as root");
      }
      Set<String> volumes = new TreeSet<>();
      podSpec.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
      List<JsonNode> containers = containers(doc.node());
      if (containers.isEmpty()) {
        problems.add(doc.where() + ": no container");
      }
      for (JsonNode c : containers) {
        String where = doc.where() + " container " + c.path("name").asText("?");
        if (c.path("image").asText("").isBlank()) {
          problems.add(where + ": no image");
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        Set<Integer> numbers = new TreeSet<>();
        for (JsonNode p : c.path("ports")) {
          numbers.add(p.path("containerPort").asInt());
          if (p.has("name")) {
            named.put(p.get("name").asText(), p.path("containerPort").asInt());
          }
        }
        if (httpPort == null || !numbers.contains(Integer.parseInt(httpPort))) {
          problems.add(
              where + ": no containerPort " + httpPort + " (quarkus.http.port of " + module + ")");
        }
        Map<String, String> probes =
            Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
          JsonNode get = c.path(probe.getKey()).path("httpGet");
          if (get.isMissingNode()) {
            problems.add(where + ": no " + probe.getKey() + " with httpGet");
            continue;
          }
          if (!probe.getValue().equals(get.path("path").asText())) {
            problems.add(where + ": " + probe.getKey() + " path is not " + probe.getValue());
          }
          if (resolvePort(get.path("port"), named).filter(numbers::contains).isEmpty()) {
            problems.add(where + ": " + probe.getKey() + " port is not a port of the container");
          }
        }
        JsonNode startup = c.path("startupProbe").path("httpGet");
        if (!startup.isMissingNode()
            && resolvePort(startup.path("port"), named).filter(numbers::contains).isEmpty()) {
          problems.add(where + ": startupProbe port is not a port of the container");
        }
        for (String resource : List.of("cpu", "memory")) {
          String request = c.path("resources").path("requests").path(resource).asText("");
          String limit = c.path("resources").path("limits").path(resource).asText("");
          if (request.isEmpty() || limit.isEmpty()) {
            problems.add(where + ": needs resources.requests and limits of " + resource);
            continue;
          }
          try {
            BigDecimal r = Quantity.getAmountInBytes(new Quantity(request));
            BigDecimal l = Quantity.getAmountInBytes(new Quantity(limit));
            if (r.compareTo(l) > 0) {
              problems.add(where + ": " + resource + " request " + request + " > limit " + limit);
            }
          } catch (RuntimeException e) {
            problems.add(where + ": " + resource + " is not a quantity: " + e.getMessage());
          }
        }
        JsonNode security = c.path("securityContext");
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
          problems.add(where + ": securityContext.readOnlyRootFilesystem is not true");
        }
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
          problems.add(where + ": securityContext.allowPrivilegeEscalation is not false");
        }
        for (JsonNode mount : c.path("volumeMounts")) {
          if (!volumes.contains(mount.path("name").asText())) {
            problems.add(where + ": volumeMount " + mount.path("name").asText() + " has no volume");
          }
        }
      }
      if (matching("Service", labels).isEmpty()) {
        problems.add(doc.where() + ": no Service selects its pods");
      }
      if (matching("PodDisruptionBudget", labels).isEmpty()) {
        problems.add(doc.where() + ": no PodDisruptionBudget covers its pods");
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void servicesAndBudgetsSelectDeployments() {
    List<String> problems = new ArrayList<>();
    for (Doc doc : ofKind("Service")) {
      Map<String, String> selector = strings(doc.node().path("spec").path("selector"));
      if (selector.isEmpty()) {
        problems.add(doc.where() + ": no selector");
        continue;
      }
      List<Doc> targets =
          ofKind("Deployment").stream()
              .filter(d -> podLabels(d).entrySet().containsAll(selector.entrySet()))
              .toList();
      if (targets.size() != 1) {
        problems.add(doc.where() + ": selects " + targets.size() + " Deployments, not 1");
        continue;
      }
      Pod pod = deploymentPod(targets.get(0));
      for (JsonNode port : doc.node().path("spec").path("ports")) {
        JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
        if (resolvePort(target, pod.named()).filter(pod.ports()::contains).isEmpty()) {
          problems.add(doc.where() + ": targetPort " + target + " is not a port of " + pod.owner());
        }
      }
    }
    for (Doc doc : ofKind("PodDisruptionBudget")) {
      JsonNode spec = doc.node().path("spec");
      List<Doc> targets =
          ofKind("Deployment").stream()
              .filter(d -> selects(spec.path("selector"), podLabels(d)))
              .toList();
      if (targets.size() != 1) {
        problems.add(doc.where() + ": covers " + targets.size() + " Deployments, not 1");
        continue;
      }
      int replicas = targets.get(0).node().path("spec").path("replicas").asInt(1);
      if (spec.has("minAvailable") && spec.get("minAvailable").asInt() >= replicas) {
        problems.add(doc.where() + ": minAvailable leaves no pod to evict");
      }
      if (spec.has("maxUnavailable") && spec.get("maxUnavailable").asInt() < 1) {
        problems.add(doc.where() + ": maxUnavailable leaves no pod to evict");
      }
      if (spec.has("minAvailable") == spec.has("maxUnavailable")) {
        problems.add(doc.where() + ": needs exactly one of minAvailable and maxUnavailable");
      }
    }
    assertNoProblems(problems);
  }

  // ---- configuration
  // -----------------------------------------------------------------------------

  @Test
  void configurationReferencesExist() {
    List<String> problems = new ArrayList<>();
    Set<String> generatedSecrets = operatorSecrets();
    for (Doc doc : ofKind("Deployment")) {
      for (JsonNode c : containers(doc.node())) {
        for (JsonNode env : c.path("env")) {
          String var = env.path("name").asText();
          JsonNode cm = env.path("valueFrom").path("configMapKeyRef");
          JsonNode secret = env.path("valueFrom").path("secretKeyRef");
          if (!cm.isMissingNode() && !cm.path("optional").asBoolean(false)) {
            Optional<Doc> map = find("ConfigMap", cm.path("name").asText());
            if (map.isEmpty()) {
              problems.add(doc.where() + ": " + var + " names a missing ConfigMap " + cm);
            } else if (!map.get().node().path("data").has(cm.path("key").asText())) {
              problems.add(doc.where() + ": " + var + " names a missing key " + cm);
            }
          }
          if (!secret.isMissingNode() && !secret.path("optional").asBoolean(false)) {
            Optional<Doc> s = find("Secret", secret.path("name").asText());
            if (s.isEmpty() && generatedSecrets.contains(secret.path("name").asText())) {
              continue; // made by an operator (a KafkaUser's password, say)
            }
            if (s.isEmpty()) {
              problems.add(doc.where() + ": " + var + " names a missing Secret " + secret);
            } else if (!secretKeys(s.get()).contains(secret.path("key").asText())) {
              problems.add(doc.where() + ": " + var + " names a missing key " + secret);
            }
          }
        }
        for (JsonNode from : c.path("envFrom")) {
          String map = from.path("configMapRef").path("name").asText("");
          String secret = from.path("secretRef").path("name").asText("");
          if (!map.isEmpty() && find("ConfigMap", map).isEmpty()) {
            problems.add(doc.where() + ": envFrom names a missing ConfigMap " + map);
          }
          if (!secret.isEmpty() && find("Secret", secret).isEmpty()) {
            problems.add(doc.where() + ": envFrom names a missing Secret " + secret);
          }
        }
      }
      for (JsonNode volume :
          doc.node().path("spec").path("template").path("spec").path("volumes")) {
        String secret = volume.path("secret").path("secretName").asText("");
        if (!secret.isEmpty()
            && find("Secret", secret).isEmpty()
            && !generatedSecrets.contains(secret)) {
          problems.add(doc.where() + ": volume names a Secret " + secret + " nothing here creates");
        }
        String map = volume.path("configMap").path("name").asText("");
        if (!map.isEmpty() && find("ConfigMap", map).isEmpty()) {
          problems.add(doc.where() + ": volume names a missing ConfigMap " + map);
        }
      }
    }
    assertNoProblems(problems);
  }

  /**
   * The SUITE_* variables each service reads ({@code ${SUITE_...}} in its application.properties,
   * and {@code suite.*} properties it injects) against what its Deployment sets: nothing set that
   * it does not read (a typo), everything it reads set (except {@link #OPTIONAL}), nothing of
   * {@link #FORBIDDEN}, and the factory simulator off.
   */
  @Test
  void everySuiteVariableAServiceReadsIsProvidedAndNoOther() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Doc doc : ofKind("Deployment")) {
      if (!Files.isRegularFile(applicationProperties(doc.name()))) {
        problems.add(doc.where() + ": no module " + doc.name());
        continue;
      }
      Map<String, Optional<String>> reads = suiteVariables(doc.name());
      Map<String, String> set = environment(doc);
      for (String var : set.keySet()) {
        if (var.startsWith("SUITE_") && !reads.containsKey(var)) {
          problems.add(doc.where() + ": sets " + var + ", which " + doc.name() + " never reads");
        }
      }
      for (Map.Entry<String, Optional<String>> read : reads.entrySet()) {
        String var = read.getKey();
        if (FORBIDDEN.containsKey(var)) {
          if (set.containsKey(var)) {
            problems.add(doc.where() + ": sets " + var + " (" + FORBIDDEN.get(var) + ")");
          }
        } else if (!set.containsKey(var)) {
          if (read.getValue().isEmpty()) {
            problems.add(doc.where() + ": " + var + " has no default and is not set");
          } else if (!OPTIONAL.containsKey(var)) {
            problems.add(
                doc.where()
                    + ": "
                    + var
                    + " is not set (the default '"
                    + read.getValue().get()
                    + "' is for one machine)");
          }
        }
      }
      if ("true".equalsIgnoreCase(set.get("SUITE_FACTORY_SIMULATOR"))) {
        problems.add(doc.where() + ": turns the factory simulator on");
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void committedSecretsHoldNoSecretValue() {
    List<String> problems = new ArrayList<>();
    for (Doc doc : ofKind("Secret")) {
      for (String field : List.of("data", "stringData")) {
        for (Map.Entry<String, JsonNode> e : doc.node().path(field).properties()) {
          if (!e.getKey().equals("username") && !e.getValue().asText("").isEmpty()) {
            problems.add(doc.where() + ": " + field + "." + e.getKey() + " holds a value");
          }
        }
      }
    }
    assertNoProblems(problems);
  }

  // ---- Kafka
  // ----------------------------------------------------------------------------------------

  /**
   * The KafkaTopics are exactly the topics the code uses: the constants of {@link Topics}, the
   * {@code *.topic} settings of the services, and one {@code bank.<BANK>.cards.v1} per partner bank
   * (the banks of application-service's migrations, the name as BankTopics builds it), with the
   * partitions and replicas the services would create them with, kept forever.
   */
  @Test
  void kafkaTopicsAreTheTopicsTheCodeUses() throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, String> config = configMapData("suite-config");
    Set<String> cardTopics = new TreeSet<>(topicConstants());
    for (String service : serviceNames()) {
      Properties p = properties(service);
      for (String key : p.stringPropertyNames()) {
        if (key.endsWith(".topic") && !key.startsWith("%")) {
          cardTopics.add(p.getProperty(key).trim());
        }
      }
    }
    String[] bankTopic = bankTopicPattern("topic");
    Set<String> bankTopics = new TreeSet<>();
    for (String bank : bankCodes()) {
      bankTopics.add(bankTopic[0] + bank + bankTopic[1]);
    }
    Set<String> expected = new TreeSet<>(cardTopics);
    expected.addAll(bankTopics);

    Map<String, Doc> topics = new LinkedHashMap<>();
    for (Doc doc : ofKind("KafkaTopic")) {
      topics.put(topicName(doc), doc);
    }
    assertEquals(expected, new TreeSet<>(topics.keySet()), "KafkaTopics against the code's topics");

    int brokers = brokers(kafkaName());
    int replication = Integer.parseInt(config.get("SUITE_CARD_TOPIC_REPLICATION"));
    for (Map.Entry<String, Doc> e : topics.entrySet()) {
      Doc doc = e.getValue();
      JsonNode spec = doc.node().path("spec");
      String where = doc.where() + " (" + e.getKey() + ")";
      if (find(
              "Kafka",
              doc.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())
          .isEmpty()) {
        problems.add(where + ": label strimzi.io/cluster names no Kafka here");
      }
      int replicas = spec.path("replicas").asInt();
      if (replicas != replication) {
        problems.add(where + ": replicas " + replicas + " != SUITE_CARD_TOPIC_REPLICATION");
      }
      if (replicas > brokers) {
        problems.add(where + ": more replicas than brokers (" + brokers + ")");
      }
      JsonNode topicConfig = spec.path("config");
      if (!"-1".equals(topicConfig.path("retention.ms").asText())) {
        problems.add(where + ": retention.ms is not -1 (kept forever, for replay)");
      }
      int minIsr = topicConfig.path("min.insync.replicas").asInt(1);
      if (minIsr != Math.min(2, replicas)) {
        problems.add(
            where + ": min.insync.replicas is not min(2, replicas), as KeptTopics makes it");
      }
      String partitionsVar =
          e.getKey().equals(Topics.CARD_LIFECYCLE)
              ? "SUITE_CARD_TOPIC_PARTITIONS"
              : e.getKey().equals(Topics.PRODUCTION_ALERTS)
                  ? "SUITE_ALERT_TOPIC_PARTITIONS"
                  : "SUITE_BANK_TOPIC_PARTITIONS";
      if (e.getKey().equals(Topics.OFFICIAL_CALENDAR)) {
        // CalendarRelay creates it with one partition: every year's versions in one order.
        if (spec.path("partitions").asInt() != 1) {
          problems.add(where + ": not one partition, as CalendarRelay creates it");
        }
      } else if (spec.path("partitions").asInt() != Integer.parseInt(config.get(partitionsVar))) {
        problems.add(where + ": partitions differ from " + partitionsVar + " in suite-config");
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void kafkaClusterIsReplicatedAndReachableByTheServices() {
    List<String> problems = new ArrayList<>();
    String kafka = kafkaName();
    Doc doc = find("Kafka", kafka).get();
    JsonNode spec = doc.node().path("spec");
    if (spec.path("kafka").has("replicas") || spec.has("zookeeper")) {
      problems.add(doc.where() + ": use KafkaNodePools in KRaft mode, not replicas or ZooKeeper");
    }
    int controllers = 0;
    for (Doc pool : ofKind("KafkaNodePool")) {
      if (!kafka.equals(
          pool.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
        problems.add(pool.where() + ": label strimzi.io/cluster names no Kafka here");
      }
      for (JsonNode role : pool.node().path("spec").path("roles")) {
        if (role.asText().equals("controller")) {
          controllers += pool.node().path("spec").path("replicas").asInt();
        }
      }
    }
    if (brokers(kafka) < 3) {
      problems.add(doc.where() + ": fewer than 3 brokers");
    }
    if (controllers < 3 || controllers % 2 == 0) {
      problems.add(doc.where() + ": needs an odd number of KRaft controllers, at least 3");
    }
    JsonNode config = spec.path("kafka").path("config");
    Map<String, String> required =
        Map.of(
            "default.replication.factor", "3",
            "min.insync.replicas", "2",
            "offsets.topic.replication.factor", "3",
            "transaction.state.log.replication.factor", "3",
            "transaction.state.log.min.isr", "2",
            "auto.create.topics.enable", "false");
    required.forEach(
        (key, value) -> {
          if (!value.equals(config.path(key).asText())) {
            problems.add(doc.where() + ": spec.kafka.config." + key + " is not " + value);
          }
        });
    // The services authenticate with SCRAM-SHA-512 over TLS (ADR 20).
    String bootstrap = configMapData("suite-config").get("SUITE_KAFKA_BOOTSTRAP_SERVERS");
    JsonNode listener = null;
    for (JsonNode l : spec.path("kafka").path("listeners")) {
      if (bootstrap.equals(kafka + "-kafka-bootstrap:" + l.path("port").asInt())) {
        listener = l;
      }
    }
    if (listener == null) {
      problems.add("SUITE_KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is no listener of " + kafka);
    } else {
      if (!listener.path("tls").asBoolean(false)
          || !"scram-sha-512".equals(listener.path("authentication").path("type").asText())) {
        problems.add(doc.where() + ": the services' listener is not TLS with SCRAM-SHA-512");
      }
      Set<String> peers = new TreeSet<>();
      for (JsonNode peer : listener.path("networkPolicyPeers")) {
        ofKind("Deployment").stream()
            .filter(d -> selects(peer.path("podSelector"), podLabels(d)))
            .forEach(d -> peers.add(d.name()));
      }
      if (!peers.equals(new TreeSet<>(serviceNames()))) {
        problems.add(doc.where() + ": the services' listener admits " + peers + ", not the four");
      }
    }
    assertNoProblems(problems);
  }

  /**
   * No client of Kafka is anonymous (ADR 20): every listener authenticates, the authorization names
   * no super user (least of all ANONYMOUS), and each service has its own KafkaUser whose ACLs are
   * exactly those the local cluster grants it (SuiteKafkaAcls), and logs in as it.
   */
  @Test
  void eachServiceIsItsOwnKafkaPrincipalWithTheLocalClustersAcls() {
    List<String> problems = new ArrayList<>();
    Doc kafka = find("Kafka", kafkaName()).get();
    JsonNode spec = kafka.node().path("spec").path("kafka");
    for (JsonNode listener : spec.path("listeners")) {
      if (!listener.has("authentication")) {
        problems.add(
            kafka.where() + ": listener " + listener.path("name").asText() + " lets anyone in");
      }
    }
    if (!"simple".equals(spec.path("authorization").path("type").asText())) {
      problems.add(kafka.where() + ": authorization is not simple (ACLs)");
    }
    if (spec.path("authorization").has("superUsers")) {
      problems.add(
          kafka.where() + ": super users " + spec.path("authorization").path("superUsers"));
    }
    Map<String, Set<String>> local = new java.util.TreeMap<>();
    cn.bj.hrss.card.infra.SuiteKafkaAcls.byPrincipal()
        .forEach(
            (principal, bindings) -> {
              Set<String> acls = new TreeSet<>();
              for (org.apache.kafka.common.acl.AclBinding b : bindings) {
                acls.add(
                    b.pattern().resourceType().name().toLowerCase(java.util.Locale.ROOT)
                        + ":"
                        + (b.pattern().patternType()
                                == org.apache.kafka.common.resource.PatternType.PREFIXED
                            ? "prefix"
                            : "literal")
                        + ":"
                        + b.pattern().name()
                        + ":"
                        + strimziOperation(b.entry().operation()));
              }
              local.put(principal, acls);
            });
    Set<String> services = new TreeSet<>();
    for (Doc user : ofKind("KafkaUser")) {
      String service =
          user.node()
              .path("metadata")
              .path("annotations")
              .path("suite.hrss.bj.cn/service")
              .asText("");
      if (service.isEmpty()) {
        continue;
      }
      services.add(service);
      if (!user.name().equals(service)) {
        problems.add(user.where() + ": not named after its service " + service);
      }
      if (!"scram-sha-512"
          .equals(user.node().path("spec").path("authentication").path("type").asText())) {
        problems.add(user.where() + ": not SCRAM-SHA-512");
      }
      Set<String> acls = strimziAcls(user);
      if (!acls.equals(local.get(service))) {
        problems.add(
            user.where() + ": ACLs " + acls + " are not the local cluster's " + local.get(service));
      }
    }
    if (!services.equals(new TreeSet<>(serviceNames()))) {
      problems.add("KafkaUsers of services " + services + ", not the four");
    }
    for (String service : serviceNames()) {
      Doc deployment = find("Deployment", service).get();
      if (!service.equals(envValue(deployment, "SUITE_KAFKA_USERNAME"))) {
        problems.add(deployment.where() + ": SUITE_KAFKA_USERNAME is not " + service);
      }
      JsonNode password = envSource(deployment, "SUITE_KAFKA_PASSWORD").path("secretKeyRef");
      if (!service.equals(password.path("name").asText())
          || !"password".equals(password.path("key").asText())) {
        problems.add(deployment.where() + ": SUITE_KAFKA_PASSWORD is not its KafkaUser's password");
      }
    }
    Map<String, String> config = configMapData("suite-config");
    if (!"SASL_SSL".equals(config.get("SUITE_KAFKA_SECURITY_PROTOCOL"))
        || !"SCRAM-SHA-512".equals(config.get("SUITE_KAFKA_SASL_MECHANISM"))) {
      problems.add("suite-config: the services' Kafka clients are not SCRAM-SHA-512 over TLS");
    }
    assertNoProblems(problems);
  }

  private static String strimziOperation(org.apache.kafka.common.acl.AclOperation operation) {
    StringBuilder name = new StringBuilder();
    for (String part : operation.name().split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }

  private static Set<String> strimziAcls(Doc user) {
    Set<String> acls = new TreeSet<>();
    for (JsonNode acl : user.node().path("spec").path("authorization").path("acls")) {
      JsonNode r = acl.path("resource");
      for (JsonNode op : acl.path("operations")) {
        acls.add(
            r.path("type").asText()
                + ":"
                + r.path("patternType").asText("literal")
                + ":"
                + r.path("name").asText()
                + ":"
                + op.asText());
      }
    }
    return acls;
  }

  private static String envValue(Doc deployment, String var) {
    for (JsonNode c : containers(deployment.node())) {
      for (JsonNode env : c.path("env")) {
        if (var.equals(env.path("name").asText())) {
          return env.path("value").asText(null);
        }
      }
    }
    return null;
  }

  /** Each bank's principal reads its own topic and groups and nothing else (ADR 10). */
  @Test
  void eachBankHasAKafkaUserForItsOwnTopicOnly() throws Exception {
    List<String> problems = new ArrayList<>();
    String[] topic = bankTopicPattern("topic");
    String[] group = bankTopicPattern("groupPrefix");
    Set<String> banks = bankCodes();
    Set<String> covered = new TreeSet<>();
    for (Doc doc : ofKind("KafkaUser")) {
      if (doc.node().path("metadata").path("annotations").has("suite.hrss.bj.cn/service")) {
        continue; // a service's principal (ADR 20), checked above
      }
      String bank =
          doc.node()
              .path("metadata")
              .path("annotations")
              .path("suite.hrss.bj.cn/bank-code")
              .asText("");
      if (!banks.contains(bank)) {
        problems.add(doc.where() + ": annotation suite.hrss.bj.cn/bank-code names no partner bank");
        continue;
      }
      covered.add(bank);
      Set<String> acls = new TreeSet<>();
      for (JsonNode acl : doc.node().path("spec").path("authorization").path("acls")) {
        JsonNode r = acl.path("resource");
        for (JsonNode op : acl.path("operations")) {
          acls.add(
              r.path("type").asText()
                  + ":"
                  + r.path("patternType").asText("literal")
                  + ":"
                  + r.path("name").asText()
                  + ":"
                  + op.asText());
        }
      }
      Set<String> expected =
          new TreeSet<>(
              Set.of(
                  "topic:literal:" + topic[0] + bank + topic[1] + ":Read",
                  "topic:literal:" + topic[0] + bank + topic[1] + ":Describe",
                  "group:prefix:" + group[0] + bank + group[1] + ":Read"));
      if (!acls.equals(expected)) {
        problems.add(doc.where() + ": ACLs " + acls + " are not " + expected);
      }
    }
    if (!covered.equals(banks)) {
      problems.add("banks without a KafkaUser: " + diff(banks, covered));
    }
    assertNoProblems(problems);
  }

  // ---- PostgreSQL
  // ------------------------------------------------------------------------------------

  /**
   * One database, one schema and one login role per service (ADR 6): the role a service logs in as
   * owns exactly the schema its Flyway migrates, has no other privilege attribute, and gets its
   * password from the same Secret; the URL names the cluster's primary and the database.
   */
  @Test
  void eachServiceLogsInAsItsOwnRoleOwningOnlyItsSchema() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Doc> clusters = ofKind("Cluster");
    assertEquals(1, clusters.size(), "one CloudNativePG Cluster");
    Doc cluster = clusters.get(0);
    JsonNode spec = cluster.node().path("spec");
    if (spec.path("instances").asInt() < 3) {
      problems.add(cluster.where() + ": fewer than 3 instances");
    }
    if (spec.path("storage").path("size").asText("").isEmpty()) {
      problems.add(cluster.where() + ": no storage.size");
    }
    List<Doc> databases =
        ofKind("Database").stream()
            .filter(
                d ->
                    cluster
                        .name()
                        .equals(d.node().path("spec").path("cluster").path("name").asText()))
            .toList();
    assertEquals(1, databases.size(), "one Database in " + cluster.name());
    JsonNode database = databases.get(0).node().path("spec");
    String url = configMapData("suite-config").get("SUITE_DB_URL");
    URI uri = URI.create(url.substring("jdbc:".length()));
    if (!(cluster.name() + "-rw").equals(uri.getHost())) {
      problems.add("SUITE_DB_URL does not name " + cluster.name() + "-rw, the primary");
    }
    if (!("/" + database.path("name").asText()).equals(uri.getPath())) {
      problems.add("SUITE_DB_URL does not name database " + database.path("name").asText());
    }
    Map<String, JsonNode> roles = new LinkedHashMap<>();
    for (JsonNode role : spec.path("managed").path("roles")) {
      roles.put(role.path("name").asText(), role);
    }
    Map<String, String> schemaOwners = new LinkedHashMap<>();
    for (JsonNode schema : database.path("schemas")) {
      schemaOwners.put(schema.path("name").asText(), schema.path("owner").asText());
    }
    Set<String> serviceRoles = new TreeSet<>();
    for (Doc doc : ofKind("Deployment")) {
      JsonNode user = envSource(doc, "SUITE_DB_USER").path("secretKeyRef");
      JsonNode password = envSource(doc, "SUITE_DB_PASSWORD").path("secretKeyRef");
      String secretName = user.path("name").asText("");
      if (secretName.isEmpty() || !secretName.equals(password.path("name").asText())) {
        problems.add(
            doc.where() + ": SUITE_DB_USER and SUITE_DB_PASSWORD must come from one Secret");
        continue;
      }
      Optional<Doc> secret = find("Secret", secretName);
      if (secret.isEmpty()) {
        continue; // reported by configurationReferencesExist
      }
      String roleName =
          secret.get().node().path("stringData").path(user.path("key").asText()).asText("");
      JsonNode role = roles.get(roleName);
      if (role == null) {
        problems.add(
            doc.where() + ": logs in as '" + roleName + "', no managed role of the Cluster");
        continue;
      }
      serviceRoles.add(roleName);
      if (!role.path("login").asBoolean(false)) {
        problems.add(doc.where() + ": role " + roleName + " cannot log in");
      }
      for (String power :
          List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
        if (role.path(power).asBoolean(false)) {
          problems.add(doc.where() + ": role " + roleName + " has " + power);
        }
      }
      if (!secretName.equals(role.path("passwordSecret").path("name").asText())) {
        problems.add(
            doc.where() + ": role " + roleName + " takes its password from another Secret");
      }
      if (!"kubernetes.io/basic-auth".equals(secret.get().node().path("type").asText())) {
        problems.add(secret.get().where() + ": CloudNativePG needs type kubernetes.io/basic-auth");
      }
      Properties p = properties(doc.name());
      String schema = p.getProperty("quarkus.flyway.schemas", "").trim();
      String current =
          p.getProperty("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", "")
              .trim();
      if (schema.isEmpty() || !schema.equals(current)) {
        problems.add(
            doc.where() + ": flyway schema '" + schema + "' != currentSchema '" + current + "'");
      }
      Set<String> owned =
          schemaOwners.entrySet().stream()
              .filter(e -> e.getValue().equals(roleName))
              .map(Map.Entry::getKey)
              .collect(Collectors.toCollection(TreeSet::new));
      if (!owned.equals(Set.of(schema))) {
        problems.add(
            doc.where()
                + ": role "
                + roleName
                + " owns schemas "
                + owned
                + ", not ["
                + schema
                + "]");
      }
    }
    if (serviceRoles.size() != ofKind("Deployment").size()) {
      problems.add("services share database roles: " + serviceRoles);
    }
    if (serviceRoles.contains(database.path("owner").asText())) {
      problems.add("a service's role owns the database");
    }
    assertNoProblems(problems);
  }

  // ---- network
  // ---------------------------------------------------------------------------------------

  /**
   * Works out which pod may open which port of which other pod under the NetworkPolicies here and
   * those Strimzi generates from the listeners, and checks least privilege: among the services only
   * card-production-service and bank-gateway-service call application-service; every service
   * reaches Kafka's brokers and PostgreSQL; every selector selects something.
   */
  @Test
  void networkPoliciesGiveLeastPrivilege() {
    List<String> problems = new ArrayList<>();
    List<Pod> pods = pods();
    for (Doc policy : ofKind("NetworkPolicy")) {
      JsonNode spec = policy.node().path("spec");
      if (pods.stream().noneMatch(p -> selects(spec.path("podSelector"), p.labels()))) {
        problems.add(policy.where() + ": spec.podSelector selects no pod of these manifests");
      }
      for (String direction : List.of("ingress", "egress")) {
        for (JsonNode rule : spec.path(direction)) {
          for (JsonNode peer : rule.path(direction.equals("ingress") ? "from" : "to")) {
            if (peer.has("podSelector")
                && !peer.has("namespaceSelector")
                && pods.stream().noneMatch(p -> selects(peer.get("podSelector"), p.labels()))) {
              problems.add(policy.where() + ": a " + direction + " peer selects no pod: " + peer);
            }
          }
        }
      }
    }
    List<String> services = serviceNames();
    Pod brokers = pod(pods, "KafkaNodePool/broker");
    Pod database = pod(pods, "Cluster/" + ofKind("Cluster").get(0).name());
    Set<String> calls = new TreeSet<>();
    for (String from : services) {
      Pod source = pod(pods, "Deployment/" + from);
      if (!reachable(source, brokers, 9093)) {
        problems.add(from + " cannot reach Kafka's brokers on 9093");
      }
      if (!reachable(source, database, 5432)) {
        problems.add(from + " cannot reach PostgreSQL on 5432");
      }
      for (String to : services) {
        Pod target = pod(pods, "Deployment/" + to);
        for (int port : target.ports()) {
          if (!from.equals(to) && reachable(source, target, port)) {
            calls.add(from + " -> " + to + ":" + port);
          }
        }
      }
    }
    // The reports as commands; application-service's reconciliation reads each projection.
    Set<String> expected =
        Set.of(
            "bank-gateway-service -> application-service:8081",
            "card-production-service -> application-service:8081",
            "application-service -> card-production-service:8082",
            "application-service -> bank-gateway-service:8083",
            "application-service -> notification-service:8084");
    if (!calls.equals(expected)) {
      problems.add("calls between the services allowed: " + calls + ", expected only " + expected);
    }
    for (String service : services) {
      Pod pod = pod(pods, "Deployment/" + service);
      if (!isolated(pod, "Ingress") || !isolated(pod, "Egress")) {
        problems.add(service + ": not covered by a NetworkPolicy for both Ingress and Egress");
      }
      for (int port : pod.ports()) {
        if (reachable(OUTSIDER, pod, port)) {
          problems.add(service + ": any pod of the namespace may call port " + port);
        }
      }
    }
    if (reachable(OUTSIDER, database, 5432) || reachable(OUTSIDER, brokers, 9093)) {
      problems.add("any pod of the namespace may reach PostgreSQL or Kafka");
    }
    assertNoProblems(problems);
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    Doc kustomization =
        ofKind("Kustomization").stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no kustomization.yaml in deploy/k8s"));
    Set<String> listed = new TreeSet<>();
    kustomization.node().path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> files = new TreeSet<>();
    for (Path file : FILES) {
      if (file.getParent().equals(K8S) && !file.equals(kustomization.file())) {
        files.add(K8S.relativize(file).toString());
      }
    }
    assertEquals(files, listed, "kustomization.yaml resources against the manifest files");
  }

  // ---- network policy evaluation
  // --------------------------------------------------------------------

  private static List<Pod> pods() {
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

  private static Pod pod(List<Pod> pods, String owner) {
    return pods.stream()
        .filter(p -> p.owner().equals(owner))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pods of " + owner + " in deploy/k8s"));
  }

  private static Pod deploymentPod(Doc d) {
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

  /** Policies here, plus those Strimzi generates for the listeners of each Kafka. */
  private static List<JsonNode> policies() {
    List<JsonNode> policies = new ArrayList<>();
    ofKind("NetworkPolicy").forEach(d -> policies.add(d.node().path("spec")));
    ObjectMapper json = new ObjectMapper();
    for (Doc kafka : ofKind("Kafka")) {
      ObjectNode spec = json.createObjectNode();
      spec.putObject("podSelector")
          .putObject("matchLabels")
          .put("strimzi.io/cluster", kafka.name())
          .put("strimzi.io/kind", "Kafka")
          .put("strimzi.io/name", kafka.name() + "-kafka");
      spec.putArray("policyTypes").add("Ingress");
      ArrayNode ingress = spec.putArray("ingress");
      for (JsonNode l : kafka.node().path("spec").path("kafka").path("listeners")) {
        ObjectNode rule = ingress.addObject();
        rule.putArray("ports")
            .addObject()
            .put("protocol", "TCP")
            .put("port", l.path("port").asInt());
        if (l.has("networkPolicyPeers")) {
          rule.set("from", l.get("networkPolicyPeers"));
        }
      }
      // Replication and the controllers' quorum: among Kafka's own pods.
      ObjectNode internal = ingress.addObject();
      ArrayNode internalPorts = internal.putArray("ports");
      internalPorts.addObject().put("port", 9090);
      internalPorts.addObject().put("port", 9091);
      internal
          .putArray("from")
          .addObject()
          .putObject("podSelector")
          .putObject("matchLabels")
          .put("strimzi.io/cluster", kafka.name());
      policies.add(spec);
    }
    return policies;
  }

  private static boolean isolated(Pod pod, String type) {
    return policies().stream()
        .anyMatch(p -> hasType(p, type) && selects(p.path("podSelector"), pod.labels()));
  }

  private static boolean hasType(JsonNode policy, String type) {
    if (!policy.has("policyTypes")) {
      return type.equals("Ingress") || policy.has("egress");
    }
    for (JsonNode t : policy.get("policyTypes")) {
      if (t.asText().equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code from} may open {@code port} of {@code to}, both pods of the namespace. */
  private static boolean reachable(Pod from, Pod to, int port) {
    return allowed(from, to, port, "Egress", from) && allowed(from, to, port, "Ingress", to);
  }

  private static boolean allowed(Pod from, Pod to, int port, String type, Pod subject) {
    List<JsonNode> applying =
        policies().stream()
            .filter(p -> hasType(p, type) && selects(p.path("podSelector"), subject.labels()))
            .toList();
    if (applying.isEmpty()) {
      return true;
    }
    Pod peer = type.equals("Ingress") ? from : to;
    for (JsonNode policy : applying) {
      for (JsonNode rule : policy.path(type.equals("Ingress") ? "ingress" : "egress")) {
        if (portMatches(rule.path("ports"), port, to)
            && peerMatches(rule.path(type.equals("Ingress") ? "from" : "to"), peer)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean portMatches(JsonNode ports, int port, Pod target) {
    if (ports.isMissingNode() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode p : ports) {
      if (!p.has("port")) {
        return true;
      }
      if (resolvePort(p.get("port"), target.named()).orElse(-1) == port) {
        return true;
      }
    }
    return false;
  }

  /** Peers of this namespace only: a namespaceSelector or an ipBlock names something else. */
  private static boolean peerMatches(JsonNode peers, Pod pod) {
    if (peers.isMissingNode()) {
      return true;
    }
    for (JsonNode peer : peers) {
      if (peer.has("podSelector")
          && !peer.has("namespaceSelector")
          && selects(peer.get("podSelector"), pod.labels())) {
        return true;
      }
    }
    return false;
  }

  // ---- what the code says
  // --------------------------------------------------------------------------

  private static List<String> serviceNames() {
    return ofKind("Deployment").stream().map(Doc::name).toList();
  }

  private static Path applicationProperties(String module) {
    return SUITE.resolve(module).resolve("src/main/resources/application.properties");
  }

  private static Properties properties(String module) throws IOException {
    Properties p = new Properties();
    try (Reader r =
        Files.newBufferedReader(applicationProperties(module), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  /** SUITE_* variable name to its default in application.properties (empty: none). */
  private static Map<String, Optional<String>> suiteVariables(String module) throws IOException {
    Map<String, Optional<String>> vars = new LinkedHashMap<>();
    Properties p = properties(module);
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (key.startsWith("%") && !key.startsWith("%prod.")) {
        continue;
      }
      Matcher m = SUITE_REFERENCE.matcher(p.getProperty(key));
      while (m.find()) {
        vars.putIfAbsent(m.group(1), Optional.ofNullable(m.group(3)));
      }
    }
    Path sources = SUITE.resolve(module).resolve("src/main/java");
    if (Files.isDirectory(sources)) {
      try (Stream<Path> walk = Files.walk(sources)) {
        for (Path java : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = SUITE_CONFIG_PROPERTY.matcher(Files.readString(java));
          while (m.find()) {
            String var = m.group(1).toUpperCase().replaceAll("[^A-Z0-9]", "_");
            vars.putIfAbsent(var, Optional.of("")); // injected as Optional or with a default
          }
        }
      }
    }
    // Every service's Kafka clients take their security from KafkaClientSecurity (ADR 20), which
    // reads these variables itself; those a Deployment need not set are in KAFKA_OPTIONAL.
    for (Field f : cn.bj.hrss.card.identity.KafkaClientSecurity.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          vars.putIfAbsent((String) f.get(null), Optional.of(""));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return vars;
  }

  private static Set<String> topicConstants() throws IllegalAccessException {
    Set<String> topics = new TreeSet<>();
    for (Field f : Topics.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        topics.add((String) f.get(null));
      }
    }
    return topics;
  }

  /**
   * The prefix and suffix around the bank code in {@code BankTopics.<method>(bankCode)}, read from
   * its source (bank-gateway-service is not on this module's class path).
   */
  private static String[] bankTopicPattern(String method) throws IOException {
    Path source =
        SUITE.resolve(
            "bank-gateway-service/src/main/java/cn/bj/hrss/card/bank/feed/BankTopics.java");
    Matcher m =
        Pattern.compile(
                "static String "
                    + method
                    + "\\(String bankCode\\)\\s*\\{\\s*return\\s+\"([^\"]*)\"\\s*\\+\\s*bankCode\\s*\\+\\s*\"([^\"]*)\"\\s*;")
            .matcher(Files.readString(source));
    if (!m.find()) {
      fail(
          "BankTopics."
              + method
              + " no longer reads 'return \"...\" + bankCode + \"...\";': update this test");
    }
    return new String[] {m.group(1), m.group(2)};
  }

  /** The partner banks seeded by application-service's migrations (cooperating_bank). */
  private static Set<String> bankCodes() throws IOException {
    Set<String> banks = new TreeSet<>();
    Path migrations = SUITE.resolve("application-service/src/main/resources/db/migration");
    Pattern insert =
        Pattern.compile(
            "INSERT INTO cooperating_bank[^;]*;", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    Pattern row = Pattern.compile("\\(\\s*'([A-Z0-9]+)'\\s*,");
    try (Stream<Path> files = Files.list(migrations)) {
      for (Path sql : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        Matcher statement = insert.matcher(Files.readString(sql));
        while (statement.find()) {
          Matcher r = row.matcher(statement.group());
          while (r.find()) {
            banks.add(r.group(1));
          }
        }
      }
    }
    assertFalse(banks.isEmpty(), "no cooperating_bank rows in " + migrations);
    return banks;
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------

  /** Jackson without any-setters and with unknown properties refused. */
  private static ObjectMapper strictMapper() {
    SimpleModule module = new SimpleModule();
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config,
              BeanDescription description,
              BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            builder.setIgnoreUnknownProperties(false);
            return builder;
          }
        });
    // No "3" for 3 or "true" for true: the API server refuses those too.
    return JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addModule(module)
        .build();
  }

  private static List<Doc> ofKind(String kind) {
    return DOCS.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  private static Optional<Doc> find(String kind, String name) {
    return ofKind(kind).stream().filter(d -> d.name().equals(name)).findFirst();
  }

  private static List<Doc> matching(String kind, Map<String, String> podLabels) {
    return ofKind(kind).stream()
        .filter(
            d -> {
              JsonNode spec = d.node().path("spec");
              return kind.equals("Service")
                  ? podLabels.entrySet().containsAll(strings(spec.path("selector")).entrySet())
                      && !spec.path("selector").isEmpty()
                  : selects(spec.path("selector"), podLabels);
            })
        .toList();
  }

  private static Map<String, String> podLabels(Doc deployment) {
    return strings(deployment.node().path("spec").path("template").path("metadata").path("labels"));
  }

  private static List<JsonNode> containers(JsonNode object) {
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
  private static boolean selects(JsonNode selector, Map<String, String> labels) {
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

  private static Map<String, String> strings(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static void stringsOnly(Doc doc, JsonNode map, String field, List<String> problems) {
    map.properties()
        .forEach(
            e -> {
              if (!e.getValue().isTextual()) {
                problems.add(doc.where() + ": " + field + "." + e.getKey() + " is not a string");
              }
            });
  }

  private static Optional<Integer> resolvePort(JsonNode port, Map<String, Integer> named) {
    if (port == null || port.isMissingNode()) {
      return Optional.empty();
    }
    if (port.isInt()) {
      return Optional.of(port.asInt());
    }
    return Optional.ofNullable(named.get(port.asText()));
  }

  private static Set<String> secretKeys(Doc secret) {
    Set<String> keys = new TreeSet<>();
    secret.node().path("data").fieldNames().forEachRemaining(keys::add);
    secret.node().path("stringData").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Secrets the operators create for the objects here (referenced, but not defined, here). */
  private static Set<String> operatorSecrets() {
    Set<String> names = new TreeSet<>();
    for (Doc c : ofKind("Cluster")) {
      for (String suffix : List.of("-ca", "-server", "-replication", "-app")) {
        names.add(c.name() + suffix);
      }
    }
    for (Doc k : ofKind("Kafka")) {
      names.add(k.name() + "-cluster-ca-cert");
    }
    ofKind("KafkaUser").forEach(u -> names.add(u.name()));
    return names;
  }

  private static Map<String, String> configMapData(String name) {
    return strings(
        find("ConfigMap", name)
            .orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in deploy/k8s"))
            .node()
            .path("data"));
  }

  private static JsonNode envSource(Doc deployment, String var) {
    for (JsonNode c : containers(deployment.node())) {
      for (JsonNode env : c.path("env")) {
        if (env.path("name").asText().equals(var)) {
          return env.path("valueFrom");
        }
      }
    }
    return MissingNode.getInstance();
  }

  /** The environment a Deployment sets, each value resolved from its ConfigMap where it can be. */
  private static Map<String, String> environment(Doc deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode c : containers(deployment.node())) {
      for (JsonNode e : c.path("env")) {
        String value = e.path("value").asText("");
        JsonNode cm = e.path("valueFrom").path("configMapKeyRef");
        if (!cm.isMissingNode()) {
          value =
              find("ConfigMap", cm.path("name").asText())
                  .map(d -> d.node().path("data").path(cm.path("key").asText()).asText(""))
                  .orElse("");
        }
        env.put(e.path("name").asText(), value);
      }
      for (JsonNode from : c.path("envFrom")) {
        String prefix = from.path("prefix").asText("");
        find("ConfigMap", from.path("configMapRef").path("name").asText(""))
            .ifPresent(
                d -> strings(d.node().path("data")).forEach((k, v) -> env.put(prefix + k, v)));
        find("Secret", from.path("secretRef").path("name").asText(""))
            .ifPresent(d -> secretKeys(d).forEach(k -> env.put(prefix + k, "")));
      }
    }
    return env;
  }

  private static String kafkaName() {
    List<Doc> kafkas = ofKind("Kafka");
    assertEquals(1, kafkas.size(), "one Kafka");
    return kafkas.get(0).name();
  }

  private static String topicName(Doc topic) {
    String name = topic.node().path("spec").path("topicName").asText("");
    return name.isEmpty() ? topic.name() : name;
  }

  private static int brokers(String kafka) {
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

  private static Set<String> diff(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static String firstLine(String message) {
    String m = Objects.requireNonNullElse(message, "");
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void assertNoProblems(List<String> problems) {
    if (!problems.isEmpty()) {
      fail(problems.size() + " problem(s) in deploy/k8s:\n  " + String.join("\n  ", problems));
    }
  }
}
