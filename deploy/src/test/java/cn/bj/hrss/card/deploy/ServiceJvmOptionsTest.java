package cn.bj.hrss.card.deploy;

import static cn.bj.hrss.card.deploy.KubernetesManifests.K8S;
import static cn.bj.hrss.card.deploy.KubernetesManifests.SUITE;
import static cn.bj.hrss.card.deploy.KubernetesManifests.applicationProperties;
import static cn.bj.hrss.card.deploy.KubernetesManifests.assertNoProblems;
import static cn.bj.hrss.card.deploy.KubernetesManifests.containers;
import static cn.bj.hrss.card.deploy.KubernetesManifests.ofKind;
import static cn.bj.hrss.card.deploy.KubernetesManifests.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bj.hrss.card.deploy.KubernetesManifests.Doc;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ADR 35: the services' JVM options are spelled in one place, {@code deploy/service-jvm.options},
 * and every launcher reads that file: the benchmark, the local run and the drills ({@link
 * ServiceProcesses}), all through local-infrastructure's ServiceLaunch, and the image that the
 * Deployments run. A launcher that spells its own heap or collector would measure, or run, another
 * JVM than the others.
 */
class ServiceJvmOptionsTest {

  private static final Path OPTIONS = SUITE.resolve("deploy/service-jvm.options");

  private static final List<String> LAUNCHERS =
      List.of(
          "benchmark/runner/src/main/java/cn/bj/hrss/card/benchmark/Suite.java",
          "deploy/src/main/java/cn/bj/hrss/card/deploy/ServiceProcesses.java");

  @Test
  void theOptionsFileSetsTheHeapAndTheArchiveThatTheBuildWrites() throws IOException {
    List<String> options = options();
    assertTrue(options.contains("-Xmx256m"), "no heap limit in " + OPTIONS + ": " + options);
    assertTrue(options.contains("-XX:SharedArchiveFile=app-cds.jsa"), options.toString());
    List<String> problems = new ArrayList<>();
    for (Doc doc : ofKind("Deployment")) {
      if (Files.isRegularFile(applicationProperties(doc.name()))
          && !"true"
              .equals(properties(doc.name()).getProperty("quarkus.package.jar.appcds.enabled"))) {
        problems.add(doc.name() + ": the build writes no app-cds.jsa for " + OPTIONS);
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void everyLauncherReadsTheOptionsFileAndSpellsNoHeapOfItsOwn() throws IOException {
    String launch =
        Files.readString(
            SUITE.resolve(
                "local-infrastructure/src/main/java/cn/bj/hrss/card/infra/ServiceLaunch.java"));
    assertTrue(
        launch.contains("\"deploy/service-jvm.options\"") && launch.contains("\"@\" +"),
        "ServiceLaunch does not start java with @deploy/service-jvm.options");
    List<String> problems = new ArrayList<>();
    for (String launcher : LAUNCHERS) {
      String source = Files.readString(SUITE.resolve(launcher));
      if (!source.contains("ServiceLaunch.of(")) {
        problems.add(launcher + ": does not start the services by ServiceLaunch");
      }
      if (source.contains("\"-Xmx") || source.contains("\"-XX:")) {
        problems.add(launcher + ": spells JVM options of its own");
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void theImageRunsWithTheOptionsFileAndTheDeploymentsAddNone() throws IOException {
    List<String> lines = Files.readAllLines(K8S.resolve("image/Containerfile"));
    assertTrue(
        lines.contains("COPY --chown=185 deploy/service-jvm.options /deployments/"),
        "the image does not take deploy/service-jvm.options");
    assertTrue(lines.contains("WORKDIR /deployments"), "the archive is looked for in /deployments");
    assertEquals(
        "ENTRYPOINT [\"java\", \"@/deployments/service-jvm.options\", \"-jar\","
            + " \"/deployments/quarkus-run.jar\"]",
        lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElse(""));
    List<String> problems = new ArrayList<>();
    List<Doc> deployments = ofKind("Deployment");
    assertFalse(deployments.isEmpty(), "no Deployment");
    for (Doc doc : deployments) {
      for (JsonNode c : containers(doc.node())) {
        for (JsonNode env : c.path("env")) {
          String name = env.path("name").asText();
          String value = env.path("value").asText("");
          if (List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS").contains(name)
              && (value.contains("-Xm") || value.contains("GC") || value.contains("-Xs"))) {
            problems.add(doc.where() + ": " + name + " spells the heap or collector: " + value);
          }
        }
      }
    }
    assertNoProblems(problems);
  }

  private static List<String> options() throws IOException {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(OPTIONS)) {
      String option = line.replaceFirst("#.*", "").trim();
      if (!option.isEmpty()) {
        options.add(option);
      }
    }
    return options;
  }
}
