package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.DOCS;
import static cn.bj.hrss.card.deploy.KubernetesManifests.FILES;
import static cn.bj.hrss.card.deploy.KubernetesManifests.K8S;
import static cn.bj.hrss.card.deploy.KubernetesManifests.NAMESPACE;
import static cn.bj.hrss.card.deploy.KubernetesManifests.PARSE_PROBLEMS;
import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.containers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests of {@code deploy/k8s}, checked without a cluster ({@link
 * KubernetesManifests}): every YAML document of {@code deploy/k8s} parses and names itself,
 * Kubernetes and Strimzi objects map onto the published Java models of their APIs with no unknown
 * field, and the kustomization lists every manifest.
 */
class KubernetesManifestsDocumentsTest {

  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

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

  private static void stringsOnly(Doc doc, JsonNode map, String field, List<String> problems) {
    map.properties()
        .forEach(
            e -> {
              if (!e.getValue().isTextual()) {
                problems.add(doc.where() + ": " + field + "." + e.getKey() + " is not a string");
              }
            });
  }

  private static String firstLine(String message) {
    String m = Objects.requireNonNullElse(message, "");
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
