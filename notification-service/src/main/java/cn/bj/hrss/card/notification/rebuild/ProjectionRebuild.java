package cn.bj.hrss.card.notification.rebuild;

import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.notification.kafka.CardEventsListener;
import cn.bj.hrss.card.notification.sms.SmsProjection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Rebuilds the card topic's projection from the start of the topic, sending nothing: the consumer
 * stops; its group's offsets go back to the earliest; each card's position becomes its replay
 * horizon and the projection is cleared; the consumer starts again and replays. Every event up to a
 * card's horizon is history (its messages are recorded, never sent again); later events are live
 * and sent as usual. The outbox, receipts and alert messages are kept: they are not derived from
 * the card topic.
 *
 * <p>Offsets are reset before the projection is cleared: if the process dies in between, the
 * consumer replays over an intact projection (duplicates, skipped) rather than skip events over an
 * empty one.
 */
@ApplicationScoped
public class ProjectionRebuild {

  private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
  private static final long TIMEOUT_S = 30;

  /** What a rebuild did, or how far the projection is behind the topic. */
  public record Status(Instant lastRebuildAt, Integer horizonCards, long lag) {}

  private final CardEventsListener listener;
  private final SmsProjection projection;
  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private volatile Instant lastRebuildAt;
  private volatile Integer horizonCards;

  ProjectionRebuild(
      @Liveness CardEventsListener listener, // the listener bean is also its liveness check
      SmsProjection projection,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.topic") String topic,
      @ConfigProperty(name = "card-events.group-id") String groupId) {
    this.listener = listener;
    this.projection = projection;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.groupId = groupId;
  }

  public synchronized Status rebuild() throws Exception {
    LOG.infof("rebuilding the projection of %s from its start", topic);
    listener.stopConsuming();
    try (Admin admin = admin()) {
      ConsumerGroups.rewindToStart(admin, groupId, topic);
      horizonCards = projection.clearForRebuild();
      lastRebuildAt = Instant.now();
    } finally {
      listener.startConsuming();
    }
    LOG.infof("replaying %s; %d cards have a replay horizon", topic, horizonCards);
    return status();
  }

  /** The last rebuild and how many events of the topic are not applied yet. */
  public Status status() throws Exception {
    try (Admin admin = admin()) {
      long lag = ConsumerGroups.lag(admin, groupId, topic);
      return new Status(lastRebuildAt, horizonCards, lag);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }
}
