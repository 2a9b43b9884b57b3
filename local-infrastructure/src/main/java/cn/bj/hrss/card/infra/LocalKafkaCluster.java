package cn.bj.hrss.card.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster on this machine: N nodes, each a broker and a KRaft controller ({@code
 * process.roles=broker,controller}) and each a separate OS process ({@code java kafka.Kafka
 * server.properties}, Apache Kafka's own server from Maven Central), so that a drill can kill one
 * with {@code kill -9} and start it again on its data.
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters}): the nodes and their ports
 * are fixed before the first start and never change, which is all a local drill needs. Every node's
 * storage is formatted once, with the same cluster id, by Kafka's own {@code StorageTool}. The
 * brokers run on the class path of this JVM ({@code java.class.path}), which holds {@code
 * kafka_2.13} and its dependencies wherever this module is used (its tests, the deploy launcher,
 * the end-to-end tests).
 *
 * <p>Nodes are numbered 1 to N, as their {@code node.id}. Each node's files are under {@code
 * workDirectory/broker-ID}: {@code server.properties}, {@code classpath.args}, {@code broker.log}
 * (its output, after a line with the command that started it; appended to on every start) and
 * {@code data}. {@link #close()} kills every node and deletes the work directory.
 */
public final class LocalKafkaCluster implements AutoCloseable {

  /** Heap of each broker: the machine runs three of them beside the suite. */
  static final String BROKER_HEAP = "-Xmx384m";

  private static final String SLF4J_SIMPLE = "org.slf4j.simple.SimpleServiceProvider";

  private final Path workDirectory;
  private final String clusterId;
  private final Map<Integer, Broker> brokers = new LinkedHashMap<>();
  private final Thread killOnExit;
  private LocalKafkaSecurity security;
  private volatile boolean aclsGranted;

  private static final class Broker {
    final int id;
    final int port;
    final int internalPort;
    final int controllerPort;
    final Path directory;
    volatile Process process;

    Broker(int id, int port, int internalPort, int controllerPort, Path directory) {
      this.id = id;
      this.port = port;
      this.internalPort = internalPort;
      this.controllerPort = controllerPort;
      this.directory = directory;
    }

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

  private LocalKafkaCluster(Path workDirectory, String clusterId) {
    this.workDirectory = workDirectory;
    this.clusterId = clusterId;
    this.killOnExit = new Thread(this::killAll, "kill-local-kafka-cluster");
  }

  /**
   * Formats and starts {@code brokers} nodes on free loopback ports. It returns once the processes
   * are started; {@link #awaitReady} waits until they form the cluster.
   *
   * @param workDirectory created if missing; deleted by {@link #close()}
   */
  public static LocalKafkaCluster start(int brokers, Path workDirectory) {
    if (brokers < 1) {
      throw new IllegalArgumentException("a cluster needs at least one broker: " + brokers);
    }
    LocalKafkaCluster cluster =
        new LocalKafkaCluster(workDirectory.toAbsolutePath(), Uuid.randomUuid().toString());
    try {
      Files.createDirectories(cluster.workDirectory);
      cluster.security = LocalKafkaSecurity.create(cluster.workDirectory.resolve("security"));
      Set<Integer> ports = new HashSet<>();
      for (int id = 1; id <= brokers; id++) {
        cluster.brokers.put(
            id,
            new Broker(
                id,
                freePort(ports),
                freePort(ports),
                freePort(ports),
                cluster.workDirectory.resolve("broker-" + id)));
      }
      String voters =
          cluster.brokers.values().stream()
              .map(b -> b.id + "@127.0.0.1:" + b.controllerPort)
              .collect(Collectors.joining(","));
      for (Broker broker : cluster.brokers.values()) {
        Files.createDirectories(broker.directory);
        writeConfig(broker, voters, brokers, cluster.security);
        writeClassPath(broker);
        cluster.format(broker);
      }
      Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
      for (Broker broker : cluster.brokers.values()) {
        cluster.launch(broker);
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static int freePort(Set<Integer> taken) {
    while (true) {
      int port = FreePort.find();
      if (taken.add(port)) {
        return port;
      }
    }
  }

  /** The replication factor the cluster's topics get: 3, or fewer on a smaller cluster. */
  public static int replicationFactorFor(int brokers) {
    return Math.min(3, brokers);
  }

  private static void writeConfig(
      Broker broker, String voters, int brokers, LocalKafkaSecurity security) throws IOException {
    int replicas = replicationFactorFor(brokers);
    int minInSync = Math.min(2, replicas);
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(broker.id));
    config.put("controller.quorum.voters", voters);
    // Clients authenticate with SCRAM-SHA-512 over TLS; brokers and controllers with their
    // certificate (ADR 20). No listener lets anyone in as ANONYMOUS.
    config.put(
        "listeners",
        "CLIENTS://127.0.0.1:"
            + broker.port
            + ",INTERNAL://127.0.0.1:"
            + broker.internalPort
            + ",CONTROLLER://127.0.0.1:"
            + broker.controllerPort);
    config.put(
        "advertised.listeners",
        "CLIENTS://127.0.0.1:" + broker.port + ",INTERNAL://127.0.0.1:" + broker.internalPort);
    config.putAll(security.brokerConfig());
    config.put("log.dirs", broker.directory.resolve("data").toString());
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
    StringBuilder text = new StringBuilder("# LocalKafkaCluster node " + broker.id + "\n");
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Files.writeString(broker.config(), text.toString());
  }

  /**
   * The class path, as a java argument file ({@code @classpath.args}): it can be longer than one
   * command-line argument may be.
   */
  private static void writeClassPath(Broker broker) throws IOException {
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
  private static List<String> command(Broker broker) {
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
      Class.forName(className, false, LocalKafkaCluster.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static String quoted(String arg) {
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void format(Broker broker) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit = kafka.tools.StorageTool.execute(formatArguments(broker), print);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "could not format broker "
              + broker.id
              + ": "
              + e.getMessage()
              + "\n"
              + output.toString(StandardCharsets.UTF_8),
          e);
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "could not format broker "
              + broker.id
              + " (exit "
              + exit
              + "):\n"
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** {@code format}, with every principal's SCRAM credential in the cluster's first metadata. */
  private String[] formatArguments(Broker broker) {
    List<String> args =
        new ArrayList<>(
            List.of("format", "--cluster-id", clusterId, "--config", "" + broker.config()));
    args.addAll(security.scramFormatArguments());
    return args.toArray(String[]::new);
  }

  private void launch(Broker broker) throws IOException {
    List<String> command = command(broker);
    Files.writeString(
        broker.log(),
        "---- LocalKafkaCluster, "
            + Instant.now()
            + ": starting broker "
            + broker.id
            + ": "
            + String.join(" ", command)
            + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    broker.process =
        new ProcessBuilder(command)
            .directory(broker.directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(broker.log().toFile()))
            .start();
  }

  /** Every broker's client address, comma-separated, as {@code bootstrap.servers} takes it. */
  public String bootstrapServers() {
    return brokers.values().stream().map(Broker::address).collect(Collectors.joining(","));
  }

  /** The client address of one broker. */
  public String bootstrapServers(int broker) {
    return broker(broker).address();
  }

  /** The node ids, 1 to N. */
  public Set<Integer> brokerIds() {
    return new TreeSet<>(brokers.keySet());
  }

  /** The cluster's certificate and credentials. */
  public LocalKafkaSecurity security() {
    return security;
  }

  /** A client's properties for one principal of {@link SuiteKafkaAcls}: every broker, security. */
  public Properties clientProperties(String principal) {
    return security.clientProperties(bootstrapServers(), principal);
  }

  /**
   * What every service process of this cluster is given: the shared {@code SUITE_KAFKA_*} settings
   * and {@link LocalInfrastructure#KAFKA_CREDENTIALS_DIRECTORY}, from which the launcher gives each
   * service its own principal.
   */
  public Map<String, String> serviceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(security.commonSettings());
    env.put(
        LocalInfrastructure.KAFKA_CREDENTIALS_DIRECTORY,
        security.credentialsDirectory().toString());
    return env;
  }

  /** The same for {@link SuiteKafkaAcls#ADMIN}, a super user: for tests and tools. */
  public Properties adminProperties() {
    return clientProperties(SuiteKafkaAcls.ADMIN);
  }

  public String clusterId() {
    return clusterId;
  }

  public Path workDirectory() {
    return workDirectory;
  }

  /** Where one broker's output goes (appended to across restarts). */
  public Path log(int broker) {
    return broker(broker).log();
  }

  public boolean isRunning(int broker) {
    Process process = broker(broker).process;
    return process != null && process.isAlive();
  }

  /**
   * Kills one broker as {@code kill -9} does (no controlled shutdown, nothing flushed) and waits
   * until the process is gone. Its data stays for {@link #start(int)}.
   */
  public void stop(int broker) {
    Broker node = broker(broker);
    if (node.process == null) {
      return;
    }
    node.process.destroyForcibly();
    try {
      if (!node.process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("broker " + broker + " did not die within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing broker " + broker, e);
    }
  }

  /**
   * Starts one stopped broker again: the same node id, ports and data. Then {@link #awaitReady}
   * waits until it is back in the cluster.
   */
  public void start(int broker) {
    Broker node = broker(broker);
    if (isRunning(broker)) {
      throw new IllegalStateException("broker " + broker + " is running");
    }
    try {
      launch(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until every broker is registered in the cluster and unfenced (the admin client's {@code
   * describeCluster().nodes()} lists them all) and answers on its own address. Fails at once, with
   * the end of its log, if a broker's process has ended.
   */
  public void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String missing = "";
    while (true) {
      for (Broker broker : brokers.values()) {
        if (!isRunning(broker.id)) {
          throw new IllegalStateException(
              "broker "
                  + broker.id
                  + " is not running; end of "
                  + broker.log()
                  + ":\n"
                  + tail(broker));
        }
      }
      missing = notReady();
      if (missing.isEmpty() && !aclsGranted) {
        missing = grantAcls();
      }
      if (missing.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("cluster not ready after " + timeout + ": " + missing);
      }
      sleep(250);
    }
  }

  /** What is not ready yet, or an empty string. */
  private String notReady() {
    List<String> missing = new ArrayList<>();
    for (Broker broker : brokers.values()) {
      // Asked through this broker alone: a killed broker that the controller has not fenced yet
      // is still listed by the others, but does not answer itself. A port that takes no connection
      // is not asked at all (the admin client would log a warning every few milliseconds).
      if (!acceptsConnections(broker.port)) {
        missing.add("broker " + broker.id + " does not listen yet");
        continue;
      }
      try (Admin admin = Admin.create(adminProperties(broker.address()))) {
        Set<Integer> listed =
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                .map(Node::id)
                .collect(Collectors.toSet());
        if (!listed.containsAll(brokers.keySet())) {
          Set<Integer> absent = new TreeSet<>(brokers.keySet());
          absent.removeAll(listed);
          missing.add("broker " + broker.id + " does not list brokers " + absent + " yet");
        }
      } catch (ExecutionException | TimeoutException e) {
        missing.add("broker " + broker.id + " does not answer (" + e + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return String.join("; ", missing);
  }

  /** Grants {@link SuiteKafkaAcls#all()} once; what failed, or an empty string. */
  private String grantAcls() {
    try (Admin admin = Admin.create(adminProperties(bootstrapServers()))) {
      admin.createAcls(SuiteKafkaAcls.all()).all().get(30, TimeUnit.SECONDS);
      aclsGranted = true;
      return "";
    } catch (ExecutionException | TimeoutException e) {
      return "ACLs not granted yet (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Properties adminProperties(String bootstrap) {
    Properties props = security.clientProperties(bootstrap, SuiteKafkaAcls.ADMIN);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    return props;
  }

  private static String tail(Broker broker) {
    try {
      List<String> lines = Files.readAllLines(broker.log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private Broker broker(int id) {
    Broker broker = brokers.get(id);
    if (broker == null) {
      throw new IllegalArgumentException("no broker " + id + "; the brokers are " + brokerIds());
    }
    return broker;
  }

  private void killAll() {
    for (Broker broker : brokers.values()) {
      if (broker.process != null) {
        broker.process.destroyForcibly();
      }
    }
    for (Broker broker : brokers.values()) {
      if (broker.process != null) {
        try {
          broker.process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Kills every broker and deletes the work directory: the cluster's data is gone. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is exiting, or the hook was never added.
    }
    deleteRecursively(workDirectory);
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
