package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.axon.OneReadPerCommand;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.card.query.CardView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A command on one card with one read of its events (issue 19 item 3, ADR 32): {@link #read} once,
 * the caller checks access on what was read, {@link #send} sources the aggregate from it and
 * answers with the card after the command, made of the events read and the events the command
 * appended, by the same mapping as {@code GET /cards/{cardId}} ({@link CardEvents#view}).
 */
@ApplicationScoped
public class CardCommands {

  private final CommandGateway commands;
  private final CardQuery query;

  CardCommands(CommandGateway commands, CardQuery query) {
    this.commands = commands;
    this.query = query;
  }

  /** The card's events, read once for one command. */
  public CardEvents read(String cardId) {
    return query.events(cardId);
  }

  /**
   * Runs {@code command} on {@code card} (as just {@link #read}) with the caller's {@code
   * metaData}; answers with the card as it now is (404 when there is no such card).
   */
  public CardView send(Map<String, String> metaData, CardEvents card, Object command) {
    return after(card, metaData, command)
        .view()
        .orElseThrow(() -> new AggregateNotFoundException(card.cardId(), "no card with this id"));
  }

  /** Runs {@code command} on {@code card}; returns the card's events after it. */
  public CardEvents after(CardEvents card, Map<String, String> metaData, Object command) {
    List<DomainEventMessage<?>> appended =
        OneReadPerCommand.send(
            card.cardId(),
            card.messages(),
            () ->
                commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)));
    return card.plus(appended);
  }
}
