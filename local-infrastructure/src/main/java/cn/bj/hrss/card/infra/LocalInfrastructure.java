package cn.bj.hrss.card.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The database and the broker the suite needs, started together (or taken from the environment) and
 * stopped together.
 */
public final class LocalInfrastructure implements AutoCloseable {

  private static LocalInfrastructure shared;

  /**
   * Where each principal's Kafka password is ({@code NAME.password}), for the service launcher: it
   * gives each service process its own {@code SUITE_KAFKA_USERNAME} and {@code
   * SUITE_KAFKA_PASSWORD} from there. Set only with a cluster started here (ADR 20).
   */
  public static final String KAFKA_CREDENTIALS_DIRECTORY = "SUITE_KAFKA_CREDENTIALS_DIRECTORY";

  private final LocalPostgres postgres;
  private final LocalKafka kafka;

  private LocalInfrastructure(LocalPostgres postgres, LocalKafka kafka) {
    this.postgres = postgres;
    this.kafka = kafka;
  }

  public static LocalInfrastructure start(
      Map<String, String> env, int postgresPort, int kafkaPort) {
    LocalPostgres postgres = LocalPostgres.startOrUseExisting(env, postgresPort);
    try {
      return new LocalInfrastructure(postgres, LocalKafka.startOrUseExisting(env, kafkaPort));
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * The same with a Kafka cluster of {@code brokers} brokers, each a process of its own, instead of
   * the single broker (see {@link LocalKafkaCluster}); a drill reaches it through {@link
   * #cluster()}. {@code SUITE_KAFKA_BOOTSTRAP_SERVERS}, if set, still names the cluster to use.
   */
  public static LocalInfrastructure startCluster(
      Map<String, String> env, int postgresPort, int brokers) {
    LocalPostgres postgres = LocalPostgres.startOrUseExisting(env, postgresPort);
    try {
      return new LocalInfrastructure(postgres, LocalKafka.startClusterOrUseExisting(env, brokers));
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * For fault drills: a PostgreSQL that can be stopped and started again on the same port and data
   * ({@link LocalPostgres#startRestartable}, under {@code workDirectory/postgres}) and a single
   * Kafka broker that is a process of its own ({@link LocalKafkaCluster} of one node, under {@code
   * workDirectory/kafka}), which a drill stops and starts through {@link #cluster()}. Both are
   * always started here, whatever SUITE_DB_URL and SUITE_KAFKA_BOOTSTRAP_SERVERS say: a drill must
   * not stop a shared server. Everything, data included, is deleted by {@link #close()} (and
   * whatever an earlier run left in {@code workDirectory} before starting).
   */
  public static LocalInfrastructure startForDrills(java.nio.file.Path workDirectory) {
    // Left over from a run that was killed before its close(): neither server may start on it.
    LocalPostgres.deleteRecursively(workDirectory);
    LocalPostgres postgres = LocalPostgres.startRestartable(workDirectory.resolve("postgres"), 0);
    try {
      LocalKafkaCluster cluster = LocalKafkaCluster.start(1, workDirectory.resolve("kafka"));
      try {
        cluster.awaitReady(java.time.Duration.ofMinutes(2));
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      return new LocalInfrastructure(postgres, LocalKafka.of(cluster));
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * One infrastructure per JVM for tests, started on first use on free ports and stopped when the
   * JVM exits, so that all test classes of a module share it.
   */
  public static synchronized LocalInfrastructure shared() {
    if (shared == null) {
      shared = start(System.getenv(), 0, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-local-infrastructure"));
    }
    return shared;
  }

  public LocalPostgres postgres() {
    return postgres;
  }

  public LocalKafka kafka() {
    return kafka;
  }

  /** The Kafka cluster started here by {@link #startCluster}, for drills; empty otherwise. */
  public Optional<LocalKafkaCluster> cluster() {
    return kafka.cluster();
  }

  /**
   * The settings every service reads, as environment variables. With a cluster started here, the
   * services create their topics (card-lifecycle.v1, production-alerts.v1, bank.*.cards.v1, all
   * through {@code SUITE_CARD_TOPIC_REPLICATION}) with 3 replicas, or as many as there are brokers,
   * and authenticate with SCRAM-SHA-512 over TLS: the shared {@code SUITE_KAFKA_*} settings are
   * here, each service's own principal and password come from {@link #KAFKA_CREDENTIALS_DIRECTORY}
   * (ADR 20).
   */
  public Map<String, String> serviceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SUITE_DB_URL", postgres.jdbcUrl());
    env.put("SUITE_DB_USER", postgres.user());
    env.put("SUITE_DB_PASSWORD", postgres.password());
    env.put("SUITE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.putAll(kafka.sharedClientSettings());
    cluster().ifPresent(cluster -> env.putAll(cluster.serviceEnvironment()));
    cluster()
        .ifPresent(
            cluster -> {
              env.put(
                  "SUITE_CARD_TOPIC_REPLICATION",
                  Integer.toString(
                      LocalKafkaCluster.replicationFactorFor(cluster.brokerIds().size())));
            });
    return env;
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }
}
