package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.FRONTENDS;
import static cn.bj.hrss.card.deploy.KubernetesManifests.SUITE;
import static cn.bj.hrss.card.deploy.KubernetesManifests.applicationProperties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.configMapData;
import static cn.bj.hrss.card.deploy.KubernetesManifests.containers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.deployment;
import static cn.bj.hrss.card.deploy.KubernetesManifests.find;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static cn.bj.hrss.card.deploy.KubernetesManifests.properties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.serviceNames;
import static cn.bj.hrss.card.deploy.KubernetesManifests.strings;

import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests of {@code deploy/k8s}, checked without a cluster ({@link
 * KubernetesManifests}): every ConfigMap, Secret and key a Deployment references exists, every
 * SUITE_* variable a service reads is provided (and no other), and the committed Secrets hold no
 * secret value.
 */
class KubernetesManifestsConfigurationTest {

  /** SUITE_* variables a service may read that a cluster leaves unset, with the reason. */
  private static final Map<String, String> OPTIONAL =
      Map.of(
          "SUITE_KAFKA_TRUSTSTORE_TYPE", "PEM, from the file name ca.crt",
          "SUITE_KAFKA_TRUSTSTORE_PASSWORD", "a PEM trust store has none",
          "SUITE_KAFKA_KEYSTORE", "only for mutual TLS; the services use SCRAM-SHA-512",
          "SUITE_KAFKA_KEYSTORE_TYPE", "only for mutual TLS",
          "SUITE_KAFKA_KEYSTORE_PASSWORD", "only for mutual TLS");

  /** SUITE_* variables a cluster must never set. */
  private static final Map<String, String> FORBIDDEN =
      Map.of("SUITE_BUSINESS_DATE", "fixes 'today' for tests and demos; never in production");

  private static final Pattern SUITE_REFERENCE =
      Pattern.compile("\\$\\{(SUITE_[A-Z0-9_]+)(:([^}]*))?}");

  private static final Pattern SUITE_CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"(suite\\.[^\"]+)\"");

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
   * and {@code suite.*} properties it injects that its application.properties does not define)
   * against what its Deployment sets: nothing set that it does not read (a typo), everything it
   * reads set (except {@link #OPTIONAL}), nothing of {@link #FORBIDDEN}. The Kafka clients'
   * variables (KafkaClientSecurity) count for the services only: the frontends have no Kafka
   * client, so setting one there is a variable they never read. (The card factory simulator is in
   * no service: partner-simulators.)
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
    }
    assertNoProblems(problems);
  }

  /**
   * The frontends (ADR 39) sign in with the bureau's OpenID Connect provider, the issuer whose
   * tokens the services accept, never with the local run's development issuer; they give the
   * browser the four APIs' public https addresses, not the cluster-internal ones; and they hold no
   * key, password or token: no Secret, no database, no Kafka, no JWT key, no volume but /tmp.
   */
  @Test
  void frontendsSignInWithTheBureausProviderAndHoldNoKey() {
    List<String> problems = new ArrayList<>();
    Doc frontends = deployment(FRONTENDS);
    Map<String, String> env = environment(frontends);
    Map<String, String> config = configMapData("suite-config");
    if (!"oidc".equals(env.get("SUITE_SIGN_IN_KIND"))) {
      problems.add(
          frontends.where() + ": SUITE_SIGN_IN_KIND is '" + env.get("SUITE_SIGN_IN_KIND") + "'");
    }
    JsonNode signIn = KubernetesManifests.envSource(frontends, "SUITE_SIGN_IN_URL");
    if (!"SUITE_JWT_ISSUER".equals(signIn.path("configMapKeyRef").path("key").asText())) {
      problems.add(
          frontends.where() + ": SUITE_SIGN_IN_URL is not suite-config's SUITE_JWT_ISSUER");
    }
    if (env.getOrDefault("SUITE_SIGN_IN_CLIENT_ID", "").isBlank()) {
      problems.add(frontends.where() + ": no SUITE_SIGN_IN_CLIENT_ID");
    }
    for (String var :
        List.of(
            "SUITE_APPLICATION_URL",
            "SUITE_CARD_PRODUCTION_URL",
            "SUITE_BANK_GATEWAY_URL",
            "SUITE_NOTIFICATION_URL",
            "SUITE_SIGN_IN_URL")) {
      String value = env.getOrDefault(var, "");
      URI uri;
      try {
        uri = URI.create(value);
      } catch (IllegalArgumentException e) {
        problems.add(frontends.where() + ": " + var + " '" + value + "' is no address");
        continue;
      }
      if (!"https".equals(uri.getScheme())
          || uri.getHost() == null
          || !uri.getHost().contains(".")
          || value.equals(config.get(var))) {
        problems.add(
            frontends.where() + ": " + var + " '" + value + "' is not a public https address");
      }
    }
    for (JsonNode c : containers(frontends.node())) {
      if (!c.path("envFrom").isEmpty()) {
        problems.add(frontends.where() + ": envFrom takes variables it does not name");
      }
      for (JsonNode e : c.path("env")) {
        String name = e.path("name").asText();
        if (e.path("valueFrom").has("secretKeyRef")) {
          problems.add(frontends.where() + ": " + name + " comes from a Secret");
        }
        if (name.startsWith("SUITE_DB_")
            || name.startsWith("SUITE_KAFKA_")
            || name.startsWith("SUITE_JWT_")
            || name.startsWith("MP_JWT_")
            || name.equals("SUITE_SERVICE_TOKEN_FILE")) {
          problems.add(frontends.where() + ": sets " + name);
        }
      }
    }
    JsonNode podSpec = frontends.node().path("spec").path("template").path("spec");
    for (JsonNode volume : podSpec.path("volumes")) {
      if (!volume.has("emptyDir")) {
        problems.add(
            frontends.where() + ": volume " + volume.path("name").asText() + " mounts data");
      }
    }
    if (podSpec.path("automountServiceAccountToken").asBoolean(true)) {
      problems.add(frontends.where() + ": mounts a service account token");
    }
    if (podSpec.path("enableServiceLinks").asBoolean(true)) {
      problems.add(frontends.where() + ": enableServiceLinks is not false");
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
            if (p.containsKey(m.group(1))) {
              continue; // application.properties defines it, from the SUITE_* variables above
            }
            String var = m.group(1).toUpperCase().replaceAll("[^A-Z0-9]", "_");
            vars.putIfAbsent(var, Optional.of("")); // injected as Optional or with a default
          }
        }
      }
    }
    // Every service's Kafka clients take their security from KafkaClientSecurity (ADR 20), which
    // reads these variables itself; those a Deployment need not set are in OPTIONAL.
    if (!serviceNames().contains(module)) {
      return vars;
    }
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
}
