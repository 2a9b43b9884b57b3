package cn.bj.hrss.card.application.publishing;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the card lifecycle topic if it does not exist yet: keyed by card id, kept forever
 * (retention.ms=-1, so any consumer can be rebuilt from the start), with the replication the
 * cluster asks for.
 */
public final class CardTopic {

  private static final Logger LOG = Logger.getLogger(CardTopic.class);

  private CardTopic() {}

  /**
   * A topic that exists already (created by hand, or by a broker that auto-creates topics) gets the
   * retention the suite relies on: replay from the start needs every event kept.
   */
  private static void keepForever(Properties adminProperties, String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(adminProperties)) {
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      String retention = config.get("retention.ms").value();
      if (!"-1".equals(retention)) {
        LOG.warnf(
            "topic %s had retention.ms=%s; setting it to -1 (keep forever)", topic, retention);
        admin
            .incrementalAlterConfigs(
                Map.of(
                    resource,
                    List.of(
                        new AlterConfigOp(
                            new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
            .all()
            .get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not check the retention of " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking topic " + topic, e);
    }
  }

  public static void ensureExists(
      Properties adminProperties, String topic, int partitions, short replicationFactor) {
    try (Admin admin = Admin.create(adminProperties)) {
      NewTopic newTopic =
          new NewTopic(topic, partitions, replicationFactor)
              .configs(
                  Map.of(
                      "retention.ms",
                      "-1",
                      "min.insync.replicas",
                      Integer.toString(Math.min(2, replicationFactor))));
      admin.createTopics(List.of(newTopic)).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topic " + topic, e.getCause());
      }
      keepForever(adminProperties, topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
  }
}
