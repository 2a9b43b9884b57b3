package cn.bj.hrss.card.production.overdue;

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
import org.jboss.logging.Logger;

/**
 * Creates the alert topic if it is missing, keyed by card id and kept forever (retention.ms=-1),
 * like application-service's card topic; an existing topic with another retention is set to keep
 * forever.
 */
final class AlertTopic {

  private static final Logger LOG = Logger.getLogger(AlertTopic.class);
  private static final long TIMEOUT_S = 30;

  private AlertTopic() {}

  static void ensureExists(
      Properties adminProperties, String topic, int partitions, short replicationFactor)
      throws Exception {
    try (Admin admin = Admin.create(adminProperties)) {
      NewTopic newTopic =
          new NewTopic(topic, partitions, replicationFactor)
              .configs(
                  Map.of(
                      "retention.ms",
                      "-1",
                      "min.insync.replicas",
                      Integer.toString(Math.min(2, replicationFactor))));
      try {
        admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        LOG.infof("created topic %s (%d partitions, kept forever)", topic, partitions);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        keepForever(admin, topic);
      }
    }
  }

  private static void keepForever(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(TIMEOUT_S, TimeUnit.SECONDS)
            .get(resource);
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
