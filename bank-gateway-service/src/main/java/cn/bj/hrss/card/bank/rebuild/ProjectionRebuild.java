package cn.bj.hrss.card.bank.rebuild;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.bank.kafka.CardEventsListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Rebuilds the bank cards from the start of the card topic: the consumer stops; its group's offsets
 * go back to the earliest; each card's applied position becomes its replay horizon and the
 * projection is cleared; the consumer starts again and replays. The banks' feeds (and their Kafka
 * topics, and the acknowledgements) are kept, and the replay adds nothing to them: events up to a
 * card's horizon were given to its bank before. Offsets are reset before the projection is cleared:
 * if the process dies in between, the consumer replays over an intact projection (duplicates,
 * skipped) rather than skip events over an empty one. Assumes one running instance.
 */
@ApplicationScoped
public class ProjectionRebuild {

  private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
  private static final long TIMEOUT_S = 30;

  /** What the last rebuild did, and how many card events are not applied yet. */
  public record Status(Instant lastRebuildAt, Integer horizonCards, long lag) {}

  private final CardEventsListener listener;
  private final BankCardProjection projection;
  private final String bootstrapServers;
  private volatile Instant lastRebuildAt;
  private volatile Integer horizonCards;

  ProjectionRebuild(
      @Liveness CardEventsListener listener,
      BankCardProjection projection,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.listener = listener;
    this.projection = projection;
    this.bootstrapServers = bootstrapServers;
  }

  public synchronized Status rebuild() throws Exception {
    LOG.infof("rebuilding the bank cards from the start of %s", listener.topic());
    listener.stopConsuming();
    try (Admin admin = admin()) {
      resetToEarliest(admin);
      horizonCards = projection.clearForRebuild();
      lastRebuildAt = Instant.now();
    } finally {
      listener.startConsuming();
    }
    LOG.infof("replaying %s; %d cards have a replay horizon", listener.topic(), horizonCards);
    return status();
  }

  public Status status() throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(listener.groupId())
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_S, TimeUnit.SECONDS);
      long lag = 0;
      for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end :
          offsets(admin, OffsetSpec.latest()).entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue().offset() - (done == null ? 0 : done.offset());
      }
      return new Status(lastRebuildAt, horizonCards, lag);
    }
  }

  private void resetToEarliest(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> earliest =
        offsets(admin, OffsetSpec.earliest()).entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
    for (int attempt = 1; ; attempt++) {
      try {
        admin
            .alterConsumerGroupOffsets(listener.groupId(), earliest)
            .all()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
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

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, OffsetSpec spec)
      throws Exception {
    String topic = listener.topic();
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

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }
}
