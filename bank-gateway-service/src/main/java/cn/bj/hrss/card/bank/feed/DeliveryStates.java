package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.bank.feed.FeedState.ConsumerGroupLag;
import cn.bj.hrss.card.bank.feed.FeedState.KafkaState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far behind its feed each bank is: over REST, the messages after its acknowledged position;
 * over Kafka, each of its consumer groups' lag on its topic. A bank that stopped reading shows a
 * growing count and an old {@code oldestUnacknowledgedAt} (or a growing lag).
 */
@ApplicationScoped
public class DeliveryStates {

  private static final long TIMEOUT_S = 10;

  private final BankFeed feed;
  private final FeedRelay relay;

  DeliveryStates(BankFeed feed, FeedRelay relay) {
    this.feed = feed;
    this.relay = relay;
  }

  /** One bank's state: all a bank may see of it is its own. */
  public FeedState of(String bankCode) throws SQLException {
    FeedState state = feed.state(bankCode);
    return state.withKafka(kafka(bankCode, consumerGroups()));
  }

  /** Every bank's state, for operators: the banks with a feed. */
  public List<FeedState> all() throws SQLException {
    Map<String, FeedState> states = new TreeMap<>();
    for (FeedState state : feed.states(null)) {
      states.put(state.bankCode(), state);
    }
    List<String> groups = consumerGroups();
    List<FeedState> all = new ArrayList<>();
    for (FeedState state : states.values()) {
      all.add(state.withKafka(kafka(state.bankCode(), groups)));
    }
    return all;
  }

  private List<String> consumerGroups() {
    try {
      Collection<GroupListing> groups =
          relay
              .admin()
              .listGroups(ListGroupsOptions.forConsumerGroups())
              .all()
              .get(TIMEOUT_S, TimeUnit.SECONDS);
      return groups.stream().map(GroupListing::groupId).toList();
    } catch (Exception e) {
      return null;
    }
  }

  private KafkaState kafka(String bankCode, List<String> allGroups) {
    String topic = BankTopics.topic(bankCode);
    if (allGroups == null) {
      return new KafkaState(topic, -1, List.of(), "Kafka did not answer");
    }
    try {
      Admin admin = relay.admin();
      Map<TopicPartition, Long> earliest = offsets(admin, topic, OffsetSpec.earliest());
      Map<TopicPartition, Long> latest = offsets(admin, topic, OffsetSpec.latest());
      long records = 0;
      for (TopicPartition partition : latest.keySet()) {
        records += latest.get(partition) - earliest.getOrDefault(partition, 0L);
      }
      List<ConsumerGroupLag> lags = new ArrayList<>();
      for (String group : allGroups) {
        if (group.startsWith(BankTopics.groupPrefix(bankCode))) {
          lags.add(new ConsumerGroupLag(group, lag(admin, group, earliest, latest)));
        }
      }
      lags.sort((a, b) -> a.groupId().compareTo(b.groupId()));
      return new KafkaState(topic, records, lags, null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return new KafkaState(topic, 0, List.of(), null); // nothing published yet
      }
      return new KafkaState(topic, -1, List.of(), e.getCause().toString());
    } catch (Exception e) {
      return new KafkaState(topic, -1, List.of(), e.toString());
    }
  }

  private static long lag(
      Admin admin,
      String group,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> latest)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : latest.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long from = done == null ? earliest.getOrDefault(end.getKey(), 0L) : done.offset();
      lag += Math.max(0, end.getValue() - from);
    }
    return lag;
  }

  private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec)
      throws Exception {
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT_S, TimeUnit.SECONDS)
            .get(topic);
    Map<TopicPartition, OffsetSpec> specs =
        description.partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin.listOffsets(specs).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
