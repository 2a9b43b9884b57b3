package cn.bj.hrss.card.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a {@link LocalKafkaCluster}'s nodes, apart from starting and stopping them:
 * each node's {@code server.properties} (broker and KRaft controller, listeners, replication, the
 * TLS and SCRAM settings of {@link LocalKafkaSecurity}), the storage format with every principal's
 * SCRAM credential, the class path file and the java command that runs a node.
 */
final class LocalKafkaClusterConfig {

  /** Heap of each broker: the machine runs three of them beside the suite. */
  static final String BROKER_HEAP = "-Xmx384m";

  private static final String SLF4J_SIMPLE = "org.slf4j.simple.SimpleServiceProvider";

  private LocalKafkaClusterConfig() {}

  /**
   * One node of the cluster, a broker and a KRaft controller: its id, its three loopback ports and
   * its directory, fixed before the first start.
   */
  record Broker(int id, int port, int internalPort, int controllerPort, Path directory) {

    Path config() {
      return directory.resolve("server.properties");
    }

    Path classPathArgs() {
      return directory.resolve("classpath.args");
    }

    Path log() {
      return directory.resolve("broker.log");
    }

    String address() {
      return "127.0.0.1:" + port;
    }
  }

  /** The replication factor the cluster's topics get: 3, or fewer on a smaller cluster. */
  static int replicationFactorFor(int brokers) {
    return Math.min(3, brokers);
  }

  static void writeConfig(Broker broker, String voters, int brokers, LocalKafkaSecurity security)
      throws IOException {
    int replicas = replicationFactorFor(brokers);
    int minInSync = Math.min(2, replicas);
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(broker.id()));
    config.put("controller.quorum.voters", voters);
    // Clients authenticate with SCRAM-SHA-512 over TLS; brokers and controllers with their
    // certificate (ADR 20). No listener lets anyone in as ANONYMOUS.
    config.put(
        "listeners",
        "CLIENTS://127.0.0.1:"
            + broker.port()
            + ",INTERNAL://127.0.0.1:"
            + broker.internalPort()
            + ",CONTROLLER://127.0.0.1:"
            + broker.controllerPort());
    config.put(
        "advertised.listeners",
        "CLIENTS://127.0.0.1:" + broker.port() + ",INTERNAL://127.0.0.1:" + broker.internalPort());
    config.putAll(security.brokerConfig());
    config.put("log.dirs", broker.directory().resolve("data").toString());
    // The suite's defaults; the services create their topics themselves (KeptTopics).
    config.put("num.partitions", "6");
    config.put("default.replication.factor", Integer.toString(replicas));
    config.put("min.insync.replicas", Integer.toString(minInSync));
    config.put("offsets.topic.replication.factor", Integer.toString(replicas));
    config.put("transaction.state.log.replication.factor", Integer.toString(replicas));
    config.put("transaction.state.log.min.isr", Integer.toString(minInSync));
    config.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
    config.put("share.coordinator.state.topic.min.isr", Integer.toString(minInSync));
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("auto.create.topics.enable", "false");
    // Small: three brokers share two cores and the machine with the suite.
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "4");
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    StringBuilder text = new StringBuilder("# LocalKafkaCluster node " + broker.id() + "\n");
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Files.writeString(broker.config(), text.toString());
  }

  /**
   * The class path, as a java argument file ({@code @classpath.args}): it can be longer than one
   * command-line argument may be.
   */
  static void writeClassPath(Broker broker) throws IOException {
    Files.writeString(
        broker.classPathArgs(),
        "-cp\n" + quoted(absolute(System.getProperty("java.class.path"))) + "\n");
  }

  /**
   * Every entry made absolute, a trailing {@code *} kept: the deploy launcher runs with {@code -cp
   * deploy/target/classes:deploy/target/lib/*}, relative to its own working directory.
   */
  static String absolute(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      boolean wildcard = entry.equals("*") || entry.endsWith(java.io.File.separator + "*");
      String base = wildcard ? entry.substring(0, entry.length() - 1) : entry;
      String resolved =
          Path.of(base.isEmpty() ? "." : base).toAbsolutePath().normalize().toString();
      entries.add(wildcard ? resolved + java.io.File.separator + "*" : resolved);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** {@code java [options] @classpath.args kafka.Kafka server.properties}. */
  static List<String> command(Broker broker) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(BROKER_HEAP);
    command.add("-Xms64m");
    command.add("-XX:+UseSerialGC");
    // C1 only: the brokers compile less while they start, so on a loaded two-core machine the
    // cluster is ready sooner; it costs peak throughput, which a local cluster does not need.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.awt.headless=true");
    if (isOnClassPath(SLF4J_SIMPLE)) {
      // The deploy launcher logs with slf4j-simple; a test class path may hold another SLF4J
      // provider too (Quarkus's, which prints nothing outside Quarkus). The broker log takes this.
      command.add("-Dslf4j.provider=" + SLF4J_SIMPLE);
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
      command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
      command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
      command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
    }
    command.add("@" + broker.classPathArgs());
    command.add("kafka.Kafka");
    command.add(broker.config().toString());
    return command;
  }

  private static boolean isOnClassPath(String className) {
    try {
      Class.forName(className, false, LocalKafkaClusterConfig.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static String quoted(String arg) {
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static void format(Broker broker, String clusterId, LocalKafkaSecurity security) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit = kafka.tools.StorageTool.execute(formatArguments(broker, clusterId, security), print);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "could not format broker "
              + broker.id()
              + ": "
              + e.getMessage()
              + "\n"
              + output.toString(StandardCharsets.UTF_8),
          e);
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "could not format broker "
              + broker.id()
              + " (exit "
              + exit
              + "):\n"
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** {@code format}, with every principal's SCRAM credential in the cluster's first metadata. */
  private static String[] formatArguments(
      Broker broker, String clusterId, LocalKafkaSecurity security) {
    List<String> args =
        new ArrayList<>(
            List.of("format", "--cluster-id", clusterId, "--config", "" + broker.config()));
    args.addAll(security.scramFormatArguments());
    return args.toArray(String[]::new);
  }
}
