package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.configMapData;
import static cn.bj.hrss.card.deploy.KubernetesManifests.envSource;
import static cn.bj.hrss.card.deploy.KubernetesManifests.find;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static cn.bj.hrss.card.deploy.KubernetesManifests.properties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.serviceNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests of {@code deploy/k8s}, checked without a cluster ({@link
 * KubernetesManifests}): each service logs in to PostgreSQL as its own role, owning only its
 * schema.
 */
class KubernetesManifestsDatabaseTest {

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
    for (Doc doc : serviceNames().stream().map(KubernetesManifests::deployment).toList()) {
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
    if (serviceRoles.size() != serviceNames().size()) {
      problems.add("services share database roles: " + serviceRoles);
    }
    if (serviceRoles.contains(database.path("owner").asText())) {
      problems.add("a service's role owns the database");
    }
    assertNoProblems(problems);
  }
}
