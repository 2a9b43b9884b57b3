package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.application.card.command.WithdrawApplication;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.query.CardQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The end of a card's life before its time releases the holder's one-application claim (R-ELIG-3,
 * {@link ApplicationClaims}) in the transaction that stores the event, so neither is there without
 * the other, and the person may apply again for a new card:
 *
 * <ul>
 *   <li>S-WITHDRAW-1: the application withdrawn before production (ApplicationWithdrawn);
 *   <li>S-END-1: the card cancelled (CardCancelled), whether an operator cancels it
 *       (card/rest/HandOverResource) or the registry import does (registry/RegistryEndings). While
 *       the registry says the person died or emigrated they do not apply (ApplicationPolicy,
 *       S-END-1); once an import clears that ({@code ended} = {@code none}), or after an operator's
 *       cancellation, they may.
 * </ul>
 *
 * A refused command keeps the claim.
 */
@ApplicationScoped
public class CardEndings {

  private final CommandGateway commands;
  private final CardQuery query;
  private final ApplicationClaims claims;

  CardEndings(CommandGateway commands, CardQuery query, ApplicationClaims claims) {
    this.commands = commands;
    this.query = query;
    this.claims = claims;
  }

  /** S-WITHDRAW-1: withdraws the application and releases the claim. */
  @Transactional(rollbackOn = Exception.class)
  public void withdraw(Map<String, String> metaData, String cardId) {
    end(metaData, cardId, new WithdrawApplication(cardId));
  }

  /** S-END-1: cancels the card and releases the claim that leads to it. */
  @Transactional(rollbackOn = Exception.class)
  public void cancel(Map<String, String> metaData, CancelCard command) {
    end(metaData, command.cardId(), command);
  }

  private void end(Map<String, String> metaData, String cardId, Object command) {
    CardState card =
        query
            .state(cardId)
            .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card with this id"));
    commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    claims.releaseLeadingTo(card.holder().idNumber(), cardId);
  }
}
