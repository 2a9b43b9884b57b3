package cn.bj.hrss.card.production.kafka;

import cn.bj.hrss.card.consumer.CardEventConsumer;
import cn.bj.hrss.card.consumer.ConsumerGroups;
import cn.bj.hrss.card.production.order.ProductionOrderProjection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the card topic into the production orders, from start-up to shutdown. It can also start
 * over from the beginning of the topic, for a rebuild of the projection.
 */
@ApplicationScoped
public class CardEventsListener {

  private static final Logger LOG = Logger.getLogger(CardEventsListener.class);

  private final ProductionOrderProjection orders;
  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private volatile CardEventConsumer consumer;

  CardEventsListener(
      ProductionOrderProjection orders,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.topic") String topic,
      @ConfigProperty(name = "card-events.group-id") String groupId) {
    this.orders = orders;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.groupId = groupId;
    this.consumer = newConsumer();
  }

  private CardEventConsumer newConsumer() {
    return new CardEventConsumer(bootstrapServers, groupId, topic, orders::apply);
  }

  void start(@Observes StartupEvent startup) {
    consumer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    consumer.close();
  }

  /**
   * Stops consuming, moves the group's offsets to the start of the topic, runs {@code reset} (which
   * empties the projection), and consumes again from the start. Meant for one running instance of
   * the service: other members of the group would go on consuming meanwhile.
   */
  public synchronized void replayFromTheStart(Runnable reset) throws Exception {
    consumer.close();
    try {
      rewindGroup();
      reset.run();
    } finally {
      consumer = newConsumer();
      consumer.start();
    }
    LOG.infof("replaying %s from the start into a fresh projection", topic);
  }

  private void rewindGroup() throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      ConsumerGroups.rewindToStart(admin, groupId, topic);
    }
  }

  /** Whether the consuming thread runs. */
  public boolean isRunning() {
    return consumer.isRunning();
  }

  /** Events handled by the current consumer (since start-up or the last replay). */
  public long handledCount() {
    return consumer.handledCount();
  }
}
