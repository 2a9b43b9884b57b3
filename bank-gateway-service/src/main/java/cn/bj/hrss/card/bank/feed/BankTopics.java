package cn.bj.hrss.card.bank.feed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * The banks' Kafka topics, {@code bank.<BANK>.cards.v1}: one per bank, keyed by card id, kept
 * forever ({@code retention.ms=-1}). Created by this service the first time a bank has a message;
 * an existing topic with another retention is set to keep forever.
 */
public final class BankTopics {

  private static final Logger LOG = Logger.getLogger(BankTopics.class);
  private static final long TIMEOUT_S = 30;

  private final int partitions;
  private final short replicationFactor;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  public BankTopics(int partitions, short replicationFactor) {
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  /** The topic of a bank's feed, format version 1. */
  public static String topic(String bankCode) {
    return "bank." + bankCode + ".cards.v1";
  }

  /** The prefix of the consumer groups a bank reads its topic with: {@code bank.<BANK>.}. */
  public static String groupPrefix(String bankCode) {
    return "bank." + bankCode + ".";
  }

  /** Creates the bank's topic unless this instance saw it ready before. */
  public void ensure(Admin admin, String bankCode) throws Exception {
    String topic = topic(bankCode);
    if (ready.contains(topic)) {
      return;
    }
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
    ready.add(topic);
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
