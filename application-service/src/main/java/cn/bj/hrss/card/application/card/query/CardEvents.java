package cn.bj.hrss.card.application.card.query;

import cn.bj.hrss.card.application.card.domain.CardState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * One card's events as read once for a command (ADR 32): the access check, the command's aggregate
 * and the answer are all made of them, the answer with the events the command appended.
 */
public record CardEvents(String cardId, List<DomainEventMessage<?>> messages) {

  public CardEvents {
    messages = List.copyOf(messages);
  }

  /** The card's state as the aggregate folds it, unmasked; empty when there is no such card. */
  public Optional<CardState> state() {
    return CardQuery.state(messages.iterator());
  }

  /** The card as {@code GET /cards/{cardId}} shows it; empty when there is no such card. */
  public Optional<CardView> view() {
    return CardQuery.view(messages.iterator(), null);
  }

  /** These events and then {@code appended}, the events a command appended to the card. */
  public CardEvents plus(List<? extends DomainEventMessage<?>> appended) {
    List<DomainEventMessage<?>> all = new ArrayList<>(messages);
    all.addAll(appended);
    return new CardEvents(cardId, all);
  }
}
