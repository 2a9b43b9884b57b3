package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.FRONTENDS;
import static cn.bj.hrss.card.deploy.KubernetesManifests.SUITE;
import static cn.bj.hrss.card.deploy.KubernetesManifests.applicationProperties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.containers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.deploymentPod;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static cn.bj.hrss.card.deploy.KubernetesManifests.pod;
import static cn.bj.hrss.card.deploy.KubernetesManifests.podLabels;
import static cn.bj.hrss.card.deploy.KubernetesManifests.properties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.resolvePort;
import static cn.bj.hrss.card.deploy.KubernetesManifests.selects;
import static cn.bj.hrss.card.deploy.KubernetesManifests.serviceNames;
import static cn.bj.hrss.card.deploy.KubernetesManifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import cn.bj.hrss.card.deploy.KubernetesManifests.Pod;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests of {@code deploy/k8s}, checked without a cluster ({@link
 * KubernetesManifests}): the Deployments are complete and fit their service (port, probes,
 * resources, security), and the Services and disruption budgets select them.
 */
class KubernetesManifestsWorkloadsTest {

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

  /**
   * Each Deployment is one of the services (Kafka, PostgreSQL, the rules of the other tests) or the
   * frontends (nothing of those): a new one has to be placed in one of the two in {@link
   * KubernetesManifests} before any test checks it.
   */
  @Test
  void everyDeploymentIsAServiceOrTheFrontends() {
    Set<String> expected = new TreeSet<>(serviceNames());
    expected.add(FRONTENDS);
    Set<String> deployments = new TreeSet<>();
    ofKind("Deployment").forEach(d -> deployments.add(d.name()));
    assertEquals(expected, deployments, "the Deployments against KubernetesManifests.SERVICES");
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
}
