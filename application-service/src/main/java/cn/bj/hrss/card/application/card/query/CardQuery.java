package cn.bj.hrss.card.application.card.query;

import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.Masking;
import cn.bj.hrss.card.application.publishing.EnvelopeMapper;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads a card straight from the event store and folds its events with {@link CardState#evolve},
 * the aggregate's own fold: a read right after a command sees that command's effect.
 */
@ApplicationScoped
public class CardQuery {

  /** Longer than any card id (a UUID); a longer one is not looked up. */
  public static final int MAX_CARD_ID_LENGTH = 64;

  private final EventStore eventStore;

  CardQuery(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** The card's state as the aggregate folds it, unmasked: for commands that need the holder. */
  public Optional<CardState> state(String cardId) {
    return state(eventStore.readEvents(cardId));
  }

  /**
   * The card's events, read once for a command: its access check, its aggregate and its answer (ADR
   * 32). An id no card can have is not looked up.
   */
  public CardEvents events(String cardId) {
    List<DomainEventMessage<?>> messages = new ArrayList<>();
    if (cardId != null && !cardId.isBlank() && cardId.length() <= MAX_CARD_ID_LENGTH) {
      eventStore.readEvents(cardId).forEachRemaining(messages::add);
    }
    return new CardEvents(cardId, messages);
  }

  /** Folds the events with the aggregate's own fold; empty when they are no card's. */
  static Optional<CardState> state(Iterator<? extends DomainEventMessage<?>> events) {
    CardState state = CardState.NONE;
    while (events.hasNext()) {
      state = state.evolve((CardEvent) events.next().getPayload());
    }
    return state.status() == null ? Optional.empty() : Optional.of(state);
  }

  public Optional<CardView> find(String cardId) {
    return findAsOf(cardId, null);
  }

  /** The card as it was at {@code asOf} (its events up to then), or as it is when null. */
  public Optional<CardView> findAsOf(String cardId, Instant asOf) {
    return view(eventStore.readEvents(cardId), asOf);
  }

  /**
   * The card the events make, as of {@code asOf} (all of them when null): the one mapping of the
   * read and of a command's answer (ADR 32).
   */
  static Optional<CardView> view(Iterator<? extends DomainEventMessage<?>> events, Instant asOf) {
    CardState state = CardState.NONE;
    Applicant applicant = null;
    LocalDate applicationDate = null;
    List<CardView.HistoryEntry> history = new ArrayList<>();
    long version = -1;
    while (events.hasNext()) {
      EventEnvelope event = EnvelopeMapper.toEnvelope(events.next());
      if (asOf != null && event.occurredAt().isAfter(asOf)) {
        break;
      }
      CardEvent payload = event.payload();
      if (payload instanceof CardRequested requested) {
        applicationDate = requested.applicationDate();
      }
      state = state.evolve(payload);
      applicant = state.holder();
      version = event.sequence();
      history.add(
          new CardView.HistoryEntry(
              event.sequence(),
              event.eventType(),
              event.eventVersion(),
              event.occurredAt(),
              event.actor().role(),
              event.actor().id(),
              event.channel(),
              event.correlationId()));
    }
    if (state.status() == null || applicant == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CardView(
            state.cardId(),
            state.status().name(),
            state.status().chineseName(),
            state.bankCode(),
            state.collection().method().name(),
            applicationDate,
            state.issue(),
            state.issueName(),
            state.cardNumber(),
            Masking.name(applicant.name()),
            Masking.idNumber(applicant.idNumber()),
            Masking.mobile(applicant.mobile()),
            state.oldCardInvalidated(),
            state.financialFunctionActive(),
            state.reportedLost(),
            state.replacedBy(),
            CardView.FUNCTIONS,
            CardView.Fees.NONE,
            version,
            history));
  }
}
