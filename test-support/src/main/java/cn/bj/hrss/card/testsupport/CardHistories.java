package cn.bj.hrss.card.testsupport;

import cn.bj.hrss.card.contract.codec.EventCodec;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardProductionFailed;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.PickupPeriodEnding;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Card histories made of the golden samples, for the tests that apply a poll's events by sets and
 * one at a time and compare the rows (ADR 33): fresh cards and event ids, each card's events in
 * sequence, the cards' events interleaved at random as a partition brings them, with some events
 * delivered twice.
 */
public final class CardHistories {

  private CardHistories() {}

  /** The lives a card may have, from application to its last event here. */
  private static final List<List<Class<? extends CardEvent>>> LIVES =
      List.of(
          List.of(
              CardRequested.class,
              CardProduced.class,
              CardDispatched.class,
              CardCollected.class,
              SocialFunctionEnabled.class,
              FinancialFunctionActivated.class,
              CardReportedLost.class,
              LossReportCancelled.class),
          List.of(
              CardRequested.class,
              ApplicationChanged.class,
              CardProductionFailed.class,
              CardProduced.class,
              CardDispatched.class,
              MailReturned.class,
              PickupPeriodEnding.class,
              UncollectedCardReturned.class),
          List.of(CardRequested.class, IssuingBankChanged.class, ApplicationWithdrawn.class),
          List.of(CardRequested.class, MobileNumberChanged.class, CardCancelled.class),
          List.of(
              CardRequested.class,
              CardProduced.class,
              CardDispatched.class,
              CardDelivered.class,
              CardReplaced.class),
          List.of(ReplacementCardIssued.class, CardReportedLost.class));

  /**
   * {@code cards} fresh cards' histories (a random life each, cut at a random length), interleaved
   * at random, with about one event in {@code duplicateOneIn} delivered again later.
   */
  public static List<EventEnvelope> interleaved(Random random, int cards, int duplicateOneIn) {
    List<List<EventEnvelope>> histories = new ArrayList<>();
    for (int i = 0; i < cards; i++) {
      histories.add(history(random, UUID.randomUUID().toString()));
    }
    List<EventEnvelope> events = new ArrayList<>();
    int[] next = new int[cards];
    int left = histories.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int card = random.nextInt(cards);
      if (next[card] < histories.get(card).size()) {
        EventEnvelope event = histories.get(card).get(next[card]++);
        events.add(event);
        left--;
        if (random.nextInt(duplicateOneIn) == 0) {
          events.add(events.get(random.nextInt(events.size())));
        }
      }
    }
    return events;
  }

  /** One card's history: a random life, cut at a random length, its events a day apart. */
  public static List<EventEnvelope> history(Random random, String cardId) {
    List<Class<? extends CardEvent>> life = LIVES.get(random.nextInt(LIVES.size()));
    int length = 1 + random.nextInt(life.size());
    List<EventEnvelope> events = new ArrayList<>();
    for (int sequence = 0; sequence < length; sequence++) {
      EventEnvelope sample =
          EventCodec.decode(
              GoldenSamples.jsonForCard(EventTypes.require(life.get(sequence)), cardId));
      events.add(
          new EventEnvelope(
              UUID.randomUUID().toString(),
              sample.eventType(),
              sample.eventVersion(),
              cardId,
              sequence,
              sample.occurredAt().plus(Duration.ofMinutes(sequence)),
              sample.actor(),
              sample.channel(),
              sample.correlationId(),
              sample.payload()));
    }
    return events;
  }
}
