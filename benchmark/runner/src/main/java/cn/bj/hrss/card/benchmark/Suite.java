package cn.bj.hrss.card.benchmark;

import cn.bj.hrss.card.infra.ServiceLaunch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as the local run starts it (by {@link ServiceLaunch}, with the JVM options of
 * deploy/service-jvm.options, ADR 35; configured by the SUITE_* environment), with its pid, so that
 * its start-up time, resident memory and CPU can be read, and JFR started in it with jcmd.
 */
final class Suite {

  static final class Service {
    final String name;
    final Path jar;
    final Path home;
    final int port;
    final Map<String, String> environment;
    final Path log;
    Process process;

    /** The CPU seconds (user and system) the process had used when it was ready, last start. */
    double cpuToReady;

    /** Quarkus' own timing of each step of the last start ({@link StartupSteps}). */
    Map<String, Integer> startupSteps = Map.of();

    Service(String name, Path jar, Path home, int port, Map<String, String> environment, Path log) {
      this.name = name;
      this.jar = jar;
      this.home = home;
      this.port = port;
      this.environment = environment;
      this.log = log;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    long pid() {
      return process.pid();
    }

    /** Starts the process and waits for /q/health/ready; returns the seconds it took. */
    double start() throws IOException, InterruptedException {
      ProcessBuilder builder =
          ServiceLaunch.of(home, jar, port)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      long logBefore = Files.exists(log) ? Files.size(log) : 0;
      long t0 = System.nanoTime();
      process = builder.start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long deadline = t0 + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited during start-up; see " + log);
        }
        try {
          HttpResponse<Void> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            cpuToReady = Procs.cpuSeconds(pid());
            startupSteps = stepsLoggedSince(logBefore);
            return seconds;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException(name + " not ready after 3 minutes; see " + log);
    }

    /** The steps this start logged (the log is appended to by every start of the service). */
    private Map<String, Integer> stepsLoggedSince(long offset) throws IOException {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(offset, all.length);
      return StartupSteps.parse(
          new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8));
    }

    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }

    /** Starts a JFR recording in the running service (jcmd JFR.start). */
    void startJfr(Path file) throws IOException, InterruptedException {
      jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }

    void stopJfr() throws IOException, InterruptedException {
      jcmd("JFR.stop", "name=bench");
    }

    private void jcmd(String... args) throws IOException, InterruptedException {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      List<String> command = new java.util.ArrayList<>(List.of(jcmd, String.valueOf(pid())));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      if (p.exitValue() != 0) {
        throw new IOException("jcmd failed: " + out);
      }
    }
  }

  static Service service(Path home, String name, int port, Map<String, String> env, Path logs)
      throws IOException {
    Files.createDirectories(logs);
    return new Service(
        name,
        home.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
        home,
        port,
        env,
        logs.resolve(name + ".log"));
  }

  private Suite() {}
}
