package cn.bj.hrss.card.identity;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * The suite's topics are kept forever ({@code retention.ms=-1}) so that any reader can start again
 * from the first record: each producing service creates its topics with this, and an existing topic
 * with another retention (a broker that auto-creates topics, say) is set to keep forever.
 */
public final class KeptTopics {

  private static final Logger LOG = Logger.getLogger(KeptTopics.class);
  private static final long TIMEOUT_S = 30;

  private KeptTopics() {}

  /** Creates {@code topic} if it is missing, or makes it keep forever if it exists. */
  public static void ensure(
      Properties adminProperties, String topic, int partitions, short replicationFactor) {
    try (Admin admin = Admin.create(adminProperties)) {
      ensure(admin, topic, partitions, replicationFactor);
    }
  }

  /** The same with an open admin client. */
  public static void ensure(Admin admin, String topic, int partitions, short replicationFactor) {
    NewTopic newTopic =
        new NewTopic(topic, partitions, replicationFactor)
            .configs(
                Map.of(
                    "retention.ms",
                    "-1",
                    "min.insync.replicas",
                    Integer.toString(Math.min(2, replicationFactor))));
    try {
      try {
        admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        LOG.infof("created topic %s (%d partitions, kept forever)", topic, partitions);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        keepForever(admin, topic);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing topic " + topic, e);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("could not prepare topic " + topic, cause);
    }
  }

  private static void keepForever(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = null;
    // Another instance may have created the topic a moment ago: on a cluster, the broker asked
    // may not know it yet (UnknownTopicOrPartition). Ask again for up to 30 s.
    for (int attempt = 1; config == null; attempt++) {
      try {
        config =
            admin
                .describeConfigs(List.of(resource))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .get(resource);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= 60) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
    String retention = config.get("retention.ms").value();
    if (!"-1".equals(retention)) {
      LOG.warnf("topic %s had retention.ms=%s; setting it to -1 (keep forever)", topic, retention);
      admin
          .incrementalAlterConfigs(
              Map.of(
                  resource,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
          .all()
          .get(TIMEOUT_S, TimeUnit.SECONDS);
    }
  }
}
