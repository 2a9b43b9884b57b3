package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import java.util.Arrays;
import java.util.List;

/**
 * Publishes the contract's golden samples to the card topic, as application-service would, moved to
 * a card id of the test's own: the consumers' tests feed exactly the documented JSON.
 */
public final class GoldenEvents {

  private GoldenEvents() {}

  @SafeVarargs
  public static void publish(String cardId, Class<? extends CardEvent>... types) {
    List<byte[]> records =
        Arrays.stream(types)
            .map(type -> GoldenSamples.jsonForCard(EventTypes.require(type), cardId))
            .toList();
    probe().send(Topics.CARD_LIFECYCLE, cardId, records);
  }

  /** A fresh card id whose events are consumed after those already sent for {@code cardId}. */
  public static String cardAfter(String cardId) {
    return probe().keyOnSamePartitionAs(Topics.CARD_LIFECYCLE, cardId);
  }

  private static TopicProbe probe() {
    return new TopicProbe(LocalInfrastructure.shared().kafka().adminProperties());
  }
}
