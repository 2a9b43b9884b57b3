package cn.bj.hrss.card.consumer;

import cn.bj.hrss.card.consumer.deadletter.DeadLetters;
import cn.bj.hrss.card.consumer.observability.CardEventMetrics;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A consumer service's live consumer of the card topic, as its configuration sets it up ({@code
 * kafka.bootstrap.servers}, {@code card-events.topic}, {@code card-events.group-id}): started at
 * start-up, stopped at shutdown, and stopped and started again by a projection rebuild's switch.
 * Each applied event counts in {@code card.events.applied} ({@link CardEventMetrics}). What it
 * cannot read goes to its group's dead letters, kept in the service's schema ({@link DeadLetters},
 * ADR 15).
 */
public final class LiveCardEvents implements ProjectionRebuild.LiveConsumer {

  private final CardEventHandler handler;
  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private final DeadLetters deadLetters;
  private volatile CardEventConsumer consumer;
  private volatile boolean stopped = true;

  /**
   * @param dataSource the service's, where its {@code parked_card} and {@code dead_letter} tables
   *     are
   */
  public LiveCardEvents(CardEventHandler handler, DataSource dataSource) {
    Config config = ConfigProvider.getConfig();
    this.handler =
        event -> {
          handler.handle(event);
          CardEventMetrics.applied(event.eventType());
        };
    this.deadLetters = DeadLetters.fromConfig(dataSource);
    this.bootstrapServers = config.getValue("kafka.bootstrap.servers", String.class);
    this.topic = config.getValue("card-events.topic", String.class);
    this.groupId = config.getValue("card-events.group-id", String.class);
  }

  @Override
  public synchronized void startConsuming() {
    consumer = new CardEventConsumer(bootstrapServers, groupId, topic, handler, deadLetters);
    consumer.start();
    stopped = false;
  }

  /** Stops the consumer; it has left its group when this returns. */
  @Override
  public synchronized void stopConsuming() {
    stopped = true;
    if (consumer != null) {
      consumer.close();
    }
    deadLetters.close();
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String groupId() {
    return groupId;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Alive: consuming, or stopped on purpose (shutdown, a rebuild's switch). */
  public boolean alive() {
    CardEventConsumer current = consumer;
    return stopped || (current != null && current.isRunning());
  }

  /** Dead letters written since start-up (a counter for metrics). */
  public long deadLetterCount() {
    return deadLetters.deadLetterCount();
  }

  /** Events handled since the consumer last started. */
  public long handledCount() {
    CardEventConsumer current = consumer;
    return current == null ? 0 : current.handledCount();
  }
}
