package cn.bj.hrss.card.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * What a projection's rebuild and its status need of a consumer group: setting its offsets, and how
 * many records of the topic it has not committed yet.
 */
public final class ConsumerGroups {

  private static final long TIMEOUT_S = 30;

  private ConsumerGroups() {}

  /**
   * Sets {@code groupId}'s offsets. The group's consumer must have been closed; while the broker
   * still counts it as a member, this waits (up to 30 s).
   */
  public static void moveTo(Admin admin, String groupId, Map<TopicPartition, Long> offsets)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> target =
        offsets.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    for (int attempt = 1; ; attempt++) {
      try {
        admin.alterConsumerGroupOffsets(groupId, target).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        boolean stillLeaving =
            e.getCause() instanceof GroupNotEmptyException
                || e.getCause() instanceof UnknownMemberIdException;
        if (!stillLeaving || attempt >= 60) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  /** Records of {@code topic} after {@code groupId}'s committed offsets, over all partitions. */
  public static long lag(Admin admin, String groupId, String topic) throws Exception {
    if (!admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).contains(topic)) {
      return 0; // no topic yet (application-service creates it): nothing to consume
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end :
        offsets(admin, topic, OffsetSpec.latest()).entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += end.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  private static Map<TopicPartition, ListOffsetsResultInfo> offsets(
      Admin admin, String topic, OffsetSpec spec) throws Exception {
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT_S, TimeUnit.SECONDS)
            .get(topic);
    Map<TopicPartition, OffsetSpec> specs =
        description.partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> spec));
    return admin.listOffsets(specs).all().get(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
