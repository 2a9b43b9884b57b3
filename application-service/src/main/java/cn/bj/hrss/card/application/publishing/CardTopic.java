package cn.bj.hrss.card.application.publishing;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the card lifecycle topic if it does not exist yet: keyed by card id, kept forever
 * (retention.ms=-1, so any consumer can be rebuilt from the start), with the replication the
 * cluster asks for.
 */
public final class CardTopic {

  private CardTopic() {}

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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
  }
}
