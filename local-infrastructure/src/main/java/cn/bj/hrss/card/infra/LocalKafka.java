package cn.bj.hrss.card.infra;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

  private LocalKafka(
      EmbeddedKafkaBroker embedded, LocalKafkaCluster cluster, String bootstrapServers) {
    this.embedded = embedded;
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Uses the cluster named by the environment, or starts a broker.
   *
   * @param port the client port for a started broker; 0 for any free port
   */
  public static LocalKafka startOrUseExisting(Map<String, String> env, int port) {
    String bootstrap = env.get("SUITE_KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap != null && !bootstrap.isBlank()) {
      return new LocalKafka(null, null, bootstrap);
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
      return new LocalKafka(null, null, bootstrap);
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
