package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.SUITE;
import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.brokers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.configMapData;
import static cn.bj.hrss.card.deploy.KubernetesManifests.containers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.envSource;
import static cn.bj.hrss.card.deploy.KubernetesManifests.find;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static cn.bj.hrss.card.deploy.KubernetesManifests.podLabels;
import static cn.bj.hrss.card.deploy.KubernetesManifests.properties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.selects;
import static cn.bj.hrss.card.deploy.KubernetesManifests.serviceNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests of {@code deploy/k8s}, checked without a cluster ({@link
 * KubernetesManifests}): the topics are the ones the code uses, the Kafka cluster is replicated and
 * reachable by the services, each service is its own Kafka principal with the local cluster's ACLs,
 * and each bank reads its own topic only.
 */
class KubernetesManifestsKafkaTest {

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
      Set<String> acls = strimziAcls(doc);
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

  private static String kafkaName() {
    List<Doc> kafkas = ofKind("Kafka");
    assertEquals(1, kafkas.size(), "one Kafka");
    return kafkas.get(0).name();
  }

  private static String topicName(Doc topic) {
    String name = topic.node().path("spec").path("topicName").asText("");
    return name.isEmpty() ? topic.name() : name;
  }

  private static Set<String> diff(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
