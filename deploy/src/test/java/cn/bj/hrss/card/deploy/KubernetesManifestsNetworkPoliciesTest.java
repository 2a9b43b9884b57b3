package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.FRONTENDS;
import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.brokers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static cn.bj.hrss.card.deploy.KubernetesManifests.pod;
import static cn.bj.hrss.card.deploy.KubernetesManifests.pods;
import static cn.bj.hrss.card.deploy.KubernetesManifests.resolvePort;
import static cn.bj.hrss.card.deploy.KubernetesManifests.selects;
import static cn.bj.hrss.card.deploy.KubernetesManifests.serviceNames;

import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import cn.bj.hrss.card.deploy.KubernetesManifests.Pod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests of {@code deploy/k8s}, checked without a cluster ({@link
 * KubernetesManifests}): the network policies give least privilege: each pod may reach what it
 * needs and nothing else.
 */
class KubernetesManifestsNetworkPoliciesTest {

  /** A pod of the namespace that none of the manifests names. */
  private static final Pod OUTSIDER =
      new Pod("outsider", Map.of("app.kubernetes.io/name", "something-else"), Set.of(), Map.of());

  /**
   * Works out which pod may open which port of which other pod under the NetworkPolicies here and
   * those Strimzi generates from the listeners, and checks least privilege: among the Deployments
   * only card-production-service and bank-gateway-service call application-service, and
   * application-service the three projections; every service reaches Kafka's brokers and PostgreSQL
   * (the frontends reach nothing: {@link #frontendsOpenNoConnection}); no Deployment takes calls
   * from any pod of the namespace; every selector selects something.
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
    for (String service : services) {
      Pod source = pod(pods, "Deployment/" + service);
      if (!reachable(source, brokers, 9093)) {
        problems.add(service + " cannot reach Kafka's brokers on 9093");
      }
      if (!reachable(source, database, 5432)) {
        problems.add(service + " cannot reach PostgreSQL on 5432");
      }
    }
    List<String> deployments = ofKind("Deployment").stream().map(Doc::name).toList();
    Set<String> calls = new TreeSet<>();
    for (String from : deployments) {
      Pod source = pod(pods, "Deployment/" + from);
      for (String to : deployments) {
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
    for (String service : deployments) {
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

  /**
   * The frontends' server calls nothing (ADR 39: the pages call the APIs from the browser): it may
   * open no port of any pod here (no service, no broker, no database), and no policy gives it any
   * egress rule, so neither DNS nor any address outside; it takes requests on 8085 from the API
   * gateway's namespace only.
   */
  @Test
  void frontendsOpenNoConnection() {
    List<String> problems = new ArrayList<>();
    List<Pod> pods = pods();
    Pod frontends = pod(pods, "Deployment/" + FRONTENDS);
    for (Pod target : pods) {
      for (int port : target.ports()) {
        if (target != frontends && reachable(frontends, target, port)) {
          problems.add(FRONTENDS + " may open " + target.owner() + ":" + port);
        }
      }
    }
    List<JsonNode> applying =
        policies().stream()
            .filter(p -> selects(p.path("podSelector"), frontends.labels()))
            .toList();
    if (applying.stream().noneMatch(p -> hasType(p, "Egress"))) {
      problems.add(FRONTENDS + ": no NetworkPolicy denies its egress");
    }
    Set<String> ingress = new TreeSet<>();
    for (JsonNode policy : applying) {
      if (hasType(policy, "Egress") && !policy.path("egress").isEmpty()) {
        problems.add(FRONTENDS + ": a policy allows egress " + policy.path("egress"));
      }
      for (JsonNode rule : policy.path("ingress")) {
        ingress.add(rule.path("from") + " " + rule.path("ports"));
      }
    }
    String gateway =
        "[{\"namespaceSelector\":{\"matchLabels\":{\"suite.hrss.bj.cn/api-gateway\":\"true\"}}}]"
            + " [{\"protocol\":\"TCP\",\"port\":8085}]";
    if (!ingress.equals(Set.of(gateway))) {
      problems.add(FRONTENDS + ": takes " + ingress + ", expected only " + gateway);
    }
    assertNoProblems(problems);
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
}
