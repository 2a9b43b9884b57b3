package cn.bj.hrss.card.bank.kafka;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.bank.feed.FeedAppender;
import cn.bj.hrss.card.consumer.CardEventChange;
import cn.bj.hrss.card.consumer.host.HostedProjection;
import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The card topic's projection into the banks' cards and feeds, as card-event-consumer's {@code
 * ProjectionHost} hosts it (ADR 26): the tables a rebuild copies, the change the live consumer and
 * the rebuild run (a poll's events by sets, ADR 33), the re-drive of dead letters, and the bank
 * feed messages not yet on Kafka ({@code card.outbox.waiting{outbox="bank-feed"}}).
 */
@ApplicationScoped
public class CardEventsProjection {

  /**
   * The projection is the bank cards, the cards awaiting pickup and the positions. The feeds (what
   * each bank was given and acknowledged) and the banks' reports are the service's own records: a
   * rebuild keeps them, and what its replay appends to feeds stays in the copy and is dropped.
   */
  static final ProjectionRebuild.Layout TABLES =
      new ProjectionRebuild.Layout(
          "bank_gateway",
          List.of("bank_card", "bank_pickup", "card_event_position"),
          List.of(),
          Map.of(),
          List.of(),
          "SELECT status, count(*) FROM bank_card GROUP BY status ORDER BY status");

  @Produces
  @Singleton
  HostedProjection projection(BankCardProjection cards) {
    return HostedProjection.of(
            "bank-gateway-service",
            TABLES,
            CardEventChange.of(cards::change, cards::changeAll),
            cards::apply)
        .withBatchStart(FeedAppender::lockEveryFeed)
        .withOutbox(
            "bank-feed", "SELECT count(*) FROM bank_feed_message WHERE published_at IS NULL");
  }
}
