package cn.bj.hrss.card.consumer.host;

import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.CardEventHandler;
import cn.bj.hrss.card.consumer.LiveCardEvents;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;

/**
 * What a consumer service declares to have its projection of the card topic hosted by {@link
 * ProjectionHost}: its layout, its change, and the outbox whose waiting rows are a gauge. A service
 * produces one as a CDI bean (its {@code kafka/CardEventsProjection}).
 *
 * @param service the service's name, for the rebuild's logs, thread and progress
 * @param layout the service's tables, for the rebuild into a copy
 * @param change the projection change for one event, without its position: the live consumer and
 *     the rebuild run it
 * @param redrive the same change with its position in a transaction of its own (a
 *     {@code @Transactional} method calling {@code CardEventPositions.applyOnce}): the dead
 *     letters' re-drive runs it
 * @param batchStart runs first in each poll's transaction (null: nothing)
 * @param outbox the outbox counted by {@code card.outbox.waiting} (null: none)
 */
public record HostedProjection(
    String service,
    ProjectionRebuild.Layout layout,
    CardEventChange change,
    CardEventHandler redrive,
    LiveCardEvents.BatchStart batchStart,
    Outbox outbox) {

  /**
   * {@code card.outbox.waiting{outbox=name}}: the rows {@code waitingCountSql} counts (one row, one
   * number).
   */
  public record Outbox(String name, String waitingCountSql) {}

  /** A projection with no batch start and no outbox. */
  public static HostedProjection of(
      String service,
      ProjectionRebuild.Layout layout,
      CardEventChange change,
      CardEventHandler redrive) {
    return new HostedProjection(service, layout, change, redrive, null, null);
  }

  public HostedProjection withBatchStart(LiveCardEvents.BatchStart start) {
    return new HostedProjection(service, layout, change, redrive, start, outbox);
  }

  public HostedProjection withOutbox(String name, String waitingCountSql) {
    return new HostedProjection(
        service, layout, change, redrive, batchStart, new Outbox(name, waitingCountSql));
  }
}
