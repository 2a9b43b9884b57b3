package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.application.card.domain.CardAggregate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * A card's events read once per command (issue 19 item 3, ADR 32). The caller reads the card's
 * events for its access check, then runs the command through {@link #send}: the aggregate is
 * sourced from those same events instead of reading the store again ({@link Repository}), and the
 * events the command appended come back, as the store keeps them, so that the answer is the events
 * read plus the events appended, with no read after the write.
 *
 * <p>Deciding on events read at the start of the request is as correct as reading them inside the
 * command: an append is checked by the store's unique key on (card, sequence), so a command decided
 * on a card that another instance changed meanwhile fails (409) and stores nothing; a refusal is
 * decided on the card as it was at a moment within the request. Nothing is kept beyond the one
 * command: the events are handed over on the request's own thread (Axon's {@code SimpleCommandBus}
 * handles a command on the thread that sends it) and dropped when {@link #send} returns.
 */
public final class OneReadPerCommand {

  private static final ThreadLocal<Command> CURRENT = new ThreadLocal<>();

  private OneReadPerCommand() {}

  /** What one command of one card was given and what it appended. */
  private static final class Command {
    private final String cardId;
    private List<? extends DomainEventMessage<?>> read;
    private final List<DomainEventMessage<?>> appended = new ArrayList<>();

    Command(String cardId, List<? extends DomainEventMessage<?>> read) {
      this.cardId = cardId;
      this.read = read;
    }
  }

  /**
   * Runs {@code send} (which sends one command and waits for it) with the card {@code cardId}
   * sourced from {@code read}, its events as just read from the store (empty for a new card);
   * returns the events the command appended to that card, with their timestamps as stored.
   */
  public static List<DomainEventMessage<?>> send(
      String cardId, List<? extends DomainEventMessage<?>> read, Runnable send) {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("one command at a time on a thread");
    }
    Command command = new Command(cardId, List.copyOf(read));
    CURRENT.set(command);
    try {
      send.run();
      if (command.read != null && !command.read.isEmpty()) {
        // The card exists and the command succeeded, yet its aggregate was not loaded here: the
        // command ran on another thread, and what it appended was not seen. Never answer from it.
        throw new IllegalStateException("the command on " + cardId + " was not handled here");
      }
      return List.copyOf(command.appended);
    } finally {
      CURRENT.remove();
    }
  }

  /**
   * The event store's last dispatch interceptor: keeps the events the running command appends to
   * its card, as they are stored. The store keeps an event's time to the millisecond (Axon's {@code
   * DateTimeUtils}), so the kept copy is cut to the millisecond as a read would give it.
   */
  public static MessageDispatchInterceptor<EventMessage<?>> recorder() {
    return new MessageDispatchInterceptor<>() {
      @Override
      public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
          List<? extends EventMessage<?>> messages) {
        Command command = CURRENT.get();
        return (index, message) -> {
          if (command != null
              && message instanceof DomainEventMessage<?> event
              && command.cardId.equals(event.getAggregateIdentifier())) {
            command.appended.add(
                OneInstantPerCommand.at(
                    event, event.getTimestamp().truncatedTo(ChronoUnit.MILLIS)));
          }
          return message;
        };
      }
    };
  }

  /** The card aggregate's repository: sources the running command's card from the events read. */
  static final class Repository extends EventSourcingRepository<CardAggregate> {

    Repository(Configuration axon) {
      super(
          EventSourcingRepository.builder(CardAggregate.class)
              .eventStore(axon.eventStore())
              .parameterResolverFactory(axon.parameterResolverFactory())
              .handlerDefinition(axon.handlerDefinition(CardAggregate.class))
              .repositoryProvider(axon::repository));
    }

    @Override
    protected DomainEventStream readEvents(String cardId) {
      Command command = CURRENT.get();
      if (command != null && command.read != null && command.cardId.equals(cardId)) {
        List<? extends DomainEventMessage<?>> read = command.read;
        command.read = null; // once: a second load in the same command reads the store
        return DomainEventStream.of(read);
      }
      return super.readEvents(cardId);
    }
  }
}
