package cn.bj.hrss.card.infra;

import java.nio.file.Path;

/**
 * How every local launcher starts a service (ADR 35): {@code java @deploy/service-jvm.options
 * -Dquarkus.http.port=P -jar quarkus-run.jar}, run in the jar's directory (target/quarkus-app),
 * where the class-data archive that the options name is. The benchmark, the local run, the drills
 * and the scaling run use it; the image reads the same options file.
 */
public final class ServiceLaunch {

  /** The services' JVM options, a java argument file, relative to the checkout. */
  public static final String JVM_OPTIONS = "deploy/service-jvm.options";

  /** The process of one service, its environment and output left to the caller. */
  public static ProcessBuilder of(Path suiteHome, Path jar, int port) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path runJar = jar.toAbsolutePath();
    return new ProcessBuilder(
            java,
            "@" + suiteHome.resolve(JVM_OPTIONS).toAbsolutePath(),
            "-Dquarkus.http.port=" + port,
            "-jar",
            runJar.toString())
        .directory(runJar.getParent().toFile());
  }

  private ServiceLaunch() {}
}
