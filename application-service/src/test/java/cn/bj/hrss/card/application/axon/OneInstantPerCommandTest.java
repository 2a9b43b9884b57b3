package cn.bj.hrss.card.application.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import cn.bj.hrss.card.contract.event.OldCardInvalidated;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The events one command applies to a card are recorded at one instant. The event store keeps
 * timestamps to the millisecond, so two applies usually share one anyway; across a millisecond
 * boundary they did not, and the card as of the enabling showed a valid old card (R-OLD-2).
 */
class OneInstantPerCommandTest {

  private static final Instant ENABLED = Instant.parse("2026-12-03T02:00:00.999Z");

  private static DomainEventMessage<?> event(
      String card, long sequence, Object payload, Instant at) {
    return new GenericDomainEventMessage<>(
        "CardAggregate",
        card,
        sequence,
        payload,
        Map.of("channel", "BANK_OUTLET"),
        "e" + sequence,
        at);
  }

  @Test
  void R_OLD_2_the_old_card_is_invalidated_at_the_instant_the_new_card_is_enabled() {
    List<DomainEventMessage<?>> applied =
        List.of(
            event("card-1", 4, new SocialFunctionEnabled("A12345678", true), ENABLED),
            event("card-1", 5, new OldCardInvalidated("A12345678"), ENABLED.plusMillis(1)));
    BiFunction<Integer, EventMessage<?>, EventMessage<?>> stamp =
        new OneInstantPerCommand().handle(applied);

    DomainEventMessage<?> enabled = (DomainEventMessage<?>) stamp.apply(0, applied.get(0));
    DomainEventMessage<?> invalidated = (DomainEventMessage<?>) stamp.apply(1, applied.get(1));

    assertSame(applied.get(0), enabled);
    assertEquals(ENABLED, invalidated.getTimestamp());
    assertEquals(5, invalidated.getSequenceNumber());
    assertEquals("e5", invalidated.getIdentifier());
    assertEquals(applied.get(1).getPayload(), invalidated.getPayload());
    assertEquals(applied.get(1).getMetaData(), invalidated.getMetaData());
  }

  @Test
  void events_of_different_cards_keep_their_own_instants() {
    Instant later = ENABLED.plusSeconds(3);
    List<DomainEventMessage<?>> applied =
        List.of(
            event("card-1", 0, new SocialFunctionEnabled("A12345678", false), ENABLED),
            event("card-2", 0, new SocialFunctionEnabled("B12345678", false), later));
    BiFunction<Integer, EventMessage<?>, EventMessage<?>> stamp =
        new OneInstantPerCommand().handle(applied);

    stamp.apply(0, applied.get(0));
    assertEquals(later, stamp.apply(1, applied.get(1)).getTimestamp());
  }
}
