package cn.bj.hrss.card.infra;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.Map;

/**
 * A Kafka broker for the local run and the tests: the cluster named by the environment ({@code
 * SUITE_KAFKA_BOOTSTRAP_SERVERS}) or else a real single-node broker in KRaft mode (Apache Kafka's
 * own server, from Maven Central), run inside this JVM and stopped by {@link #close()}.
 */
public final class LocalKafka implements AutoCloseable {

  private final EmbeddedKafkaBroker embedded;
  private final String bootstrapServers;

  private LocalKafka(EmbeddedKafkaBroker embedded, String bootstrapServers) {
    this.embedded = embedded;
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
      return new LocalKafka(null, bootstrap);
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
    return new LocalKafka(broker, "127.0.0.1:" + kafkaPort);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public boolean startedHere() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
