package cn.bj.hrss.card.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.bj.hrss.card.contract.event.EventEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A poll's events in rounds: each card at most once a round, its events in order. */
class BatchedWritesTest {

  @Test
  void round_k_holds_each_cards_kth_event_in_topic_order() {
    EventEnvelope a0 = CardEventPositionsTest.event("A", 0);
    EventEnvelope a1 = CardEventPositionsTest.event("A", 1);
    EventEnvelope b0 = CardEventPositionsTest.event("B", 0);
    EventEnvelope a2 = CardEventPositionsTest.event("A", 2);
    EventEnvelope b1 = CardEventPositionsTest.event("B", 1);
    EventEnvelope c0 = CardEventPositionsTest.event("C", 0);

    assertEquals(
        List.of(List.of(a0, b0, c0), List.of(a1, b1), List.of(a2)),
        BatchedWrites.rounds(List.of(a0, a1, b0, a2, b1, c0)));
  }
}
