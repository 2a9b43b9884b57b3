package cn.bj.hrss.card.infra;

import cn.bj.hrss.card.identity.KafkaClientSecurity;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A Kafka broker for the local run and the tests: the cluster named by the environment ({@code
 * SUITE_KAFKA_BOOTSTRAP_SERVERS}) or else a real single-node broker in KRaft mode (Apache Kafka's
 * own server, from Maven Central), run inside this JVM and stopped by {@link #close()}. In cluster
 * mode ({@link #startClusterOrUseExisting}) it is instead a {@link LocalKafkaCluster}: several
 * brokers, each a process of its own.
 */
public final class LocalKafka implements AutoCloseable {

  private final EmbeddedKafkaBroker embedded;
  private final LocalKafkaCluster cluster;
  private final String bootstrapServers;
  private final Map<String, String> externalSettings;

  private LocalKafka(
      EmbeddedKafkaBroker embedded, LocalKafkaCluster cluster, String bootstrapServers) {
    this(embedded, cluster, bootstrapServers, Map.of());
  }

  private LocalKafka(
      EmbeddedKafkaBroker embedded,
      LocalKafkaCluster cluster,
      String bootstrapServers,
      Map<String, String> externalSettings) {
    this.embedded = embedded;
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
    this.externalSettings = externalSettings;
  }

  /** A cluster named by the environment, with the environment's own SUITE_KAFKA_* settings. */
  private static LocalKafka external(Map<String, String> env, String bootstrap) {
    Map<String, String> settings = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("SUITE_KAFKA_") && !name.equals("SUITE_KAFKA_BOOTSTRAP_SERVERS")) {
            settings.put(name, value);
          }
        });
    return new LocalKafka(null, null, bootstrap, Map.copyOf(settings));
  }

  /**
   * Uses the cluster named by the environment, or starts a broker.
   *
   * @param port the client port for a started broker; 0 for any free port
   */
  public static LocalKafka startOrUseExisting(Map<String, String> env, int port) {
    String bootstrap = env.get("SUITE_KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap != null && !bootstrap.isBlank()) {
      return external(env, bootstrap);
    }
    int kafkaPort = port == 0 ? FreePort.find() : port;
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker()
            .withNodeId(1)
            .withKafkaHost("127.0.0.1")
            .withKafkaPort(kafkaPort)
            .withControllerPort(FreePort.find())
            .withDeleteLogDirsOnClose(true)
            .withAdditionalProperties(
                props -> {
                  props.put("num.partitions", "6");
                  props.put("offsets.topic.replication.factor", "1");
                  props.put("transaction.state.log.replication.factor", "1");
                  props.put("transaction.state.log.min.isr", "1");
                  props.put("group.initial.rebalance.delay.ms", "0");
                });
    broker.start();
    return new LocalKafka(broker, null, "127.0.0.1:" + kafkaPort);
  }

  /**
   * Uses the cluster named by the environment, or starts a {@link LocalKafkaCluster} of {@code
   * brokers} brokers on free ports (in a temporary directory, deleted on close) and waits until all
   * of them are in it.
   */
  public static LocalKafka startClusterOrUseExisting(Map<String, String> env, int brokers) {
    String bootstrap = env.get("SUITE_KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap != null && !bootstrap.isBlank()) {
      return external(env, bootstrap);
    }
    LocalKafkaCluster cluster;
    try {
      cluster = LocalKafkaCluster.start(brokers, Files.createTempDirectory("suite-kafka-cluster-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      cluster.awaitReady(Duration.ofMinutes(3));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return new LocalKafka(null, cluster, cluster.bootstrapServers());
  }

  /** A cluster started by the caller, closed with this object. */
  static LocalKafka of(LocalKafkaCluster cluster) {
    return new LocalKafka(null, cluster, cluster.bootstrapServers());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The client properties of {@code principal} ({@link SuiteKafkaAcls}): bootstrap servers and the
   * security the broker wants. The in-JVM broker wants none (PLAINTEXT, loopback only); a cluster
   * started here wants SCRAM-SHA-512 over TLS as that principal; a cluster named by the environment
   * gets the environment's own SUITE_KAFKA_* settings, whoever they name.
   */
  public Properties clientProperties(String principal) {
    if (cluster != null) {
      return cluster.clientProperties(principal);
    }
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    return KafkaClientSecurity.apply(props, externalSettings);
  }

  /** The same for {@link SuiteKafkaAcls#ADMIN}: tests and tools. */
  public Properties adminProperties() {
    return clientProperties(SuiteKafkaAcls.ADMIN);
  }

  /**
   * The SUITE_KAFKA_* settings every service process shares (without its principal): those of the
   * cluster started here, or the environment's.
   */
  public Map<String, String> sharedClientSettings() {
    if (cluster != null) {
      return cluster.security().commonSettings();
    }
    return externalSettings;
  }

  public boolean startedHere() {
    return embedded != null || cluster != null;
  }

  /** The brokers started here in cluster mode, for drills; empty otherwise. */
  public Optional<LocalKafkaCluster> cluster() {
    return Optional.ofNullable(cluster);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
