package cn.bj.hrss.card.infra;

import cn.bj.hrss.card.infra.LocalKafkaClusterConfig.Broker;
import java.io.IOException;
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
import java.util.concurrent.ConcurrentHashMap;
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

  private final Path workDirectory;
  private final String clusterId;
  private final Map<Integer, Broker> brokers = new LinkedHashMap<>();
  private final Map<Integer, Process> processes = new ConcurrentHashMap<>();
  private final Thread killOnExit;
  private LocalKafkaSecurity security;
  private volatile boolean aclsGranted;

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
              .map(b -> b.id() + "@127.0.0.1:" + b.controllerPort())
              .collect(Collectors.joining(","));
      for (Broker broker : cluster.brokers.values()) {
        Files.createDirectories(broker.directory());
        LocalKafkaClusterConfig.writeConfig(broker, voters, brokers, cluster.security);
        LocalKafkaClusterConfig.writeClassPath(broker);
        LocalKafkaClusterConfig.format(broker, cluster.clusterId, cluster.security);
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

  /** The replication factor the cluster's topics get: 3, or fewer on a smaller cluster. */
  public static int replicationFactorFor(int brokers) {
    return LocalKafkaClusterConfig.replicationFactorFor(brokers);
  }

  private static int freePort(Set<Integer> taken) {
    while (true) {
      int port = FreePort.find();
      if (taken.add(port)) {
        return port;
      }
    }
  }

  private void launch(Broker broker) throws IOException {
    List<String> command = LocalKafkaClusterConfig.command(broker);
    Files.writeString(
        broker.log(),
        "---- LocalKafkaCluster, "
            + Instant.now()
            + ": starting broker "
            + broker.id()
            + ": "
            + String.join(" ", command)
            + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    processes.put(
        broker.id(),
        new ProcessBuilder(command)
            .directory(broker.directory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(broker.log().toFile()))
            .start());
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
    Process process = processes.get(broker(broker).id());
    return process != null && process.isAlive();
  }

  /**
   * Kills one broker as {@code kill -9} does (no controlled shutdown, nothing flushed) and waits
   * until the process is gone. Its data stays for {@link #start(int)}.
   */
  public void stop(int broker) {
    Process process = processes.get(broker(broker).id());
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
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
        if (!isRunning(broker.id())) {
          throw new IllegalStateException(
              "broker "
                  + broker.id()
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
      if (!acceptsConnections(broker.port())) {
        missing.add("broker " + broker.id() + " does not listen yet");
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
          missing.add("broker " + broker.id() + " does not list brokers " + absent + " yet");
        }
      } catch (ExecutionException | TimeoutException e) {
        missing.add("broker " + broker.id() + " does not answer (" + e + ")");
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
    for (Process process : processes.values()) {
      process.destroyForcibly();
    }
    for (Process process : processes.values()) {
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
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
