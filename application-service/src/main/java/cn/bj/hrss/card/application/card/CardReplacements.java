package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.card.command.IssueReplacementCard;
import cn.bj.hrss.card.application.card.command.ReplaceCard;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.query.CardQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * R-LOSS-1: a replacement (补领) or exchange (换领) closes the old card and opens the new one in one
 * transaction, so neither exists without the other.
 */
@ApplicationScoped
public class CardReplacements {

  private final CommandGateway commands;
  private final CardQuery query;

  CardReplacements(CommandGateway commands, CardQuery query) {
    this.commands = commands;
    this.query = query;
  }

  /** Returns the new card's id. */
  @Transactional(rollbackOn = Exception.class)
  public String replace(
      Map<String, String> metaData,
      String cardId,
      String reason,
      String newCardNumber,
      String outletName) {
    CardState old =
        query
            .state(cardId)
            .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card with this id"));
    String newCardId = UUID.randomUUID().toString();
    send(metaData, new ReplaceCard(cardId, newCardId, reason, newCardNumber, outletName));
    send(
        metaData,
        new IssueReplacementCard(
            newCardId,
            cardId,
            old.holder(),
            old.bankCode(),
            newCardNumber,
            outletName,
            reason,
            old.category(),
            old.oldCardValid()));
    return newCardId;
  }

  private void send(Map<String, String> metaData, Object command) {
    commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
  }
}
