package cn.bj.hrss.card.bank.rebuild;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.bank.kafka.CardEventsListener;
import cn.bj.hrss.card.consumer.ConsumerGroups;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
      ConsumerGroups.rewindToStart(admin, listener.groupId(), listener.topic());
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
      long lag = ConsumerGroups.lag(admin, listener.groupId(), listener.topic());
      return new Status(lastRebuildAt, horizonCards, lag);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }
}
