package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * S-END-1 from the registry of insured persons: once a batch of an import is committed, every live
 * card of each person the batch says died or emigrated (column {@code ended}) is cancelled, one
 * {@link CancelCard} per card through the command gateway (source {@code REGISTRY}), as the
 * operator who runs the import (actor role {@code OPERATOR}, channel {@code OPERATOR_CONSOLE}),
 * with the import's id as the correlation id, so that the audit trail leads from each CardCancelled
 * to the import.
 *
 * <p>A person's cards are the card of their one-application claim (R-ELIG-3) and the replacements
 * that followed it (R-LOSS-1). A card is live until it is cancelled, withdrawn or replaced; a card
 * cancelled already (an import run twice) is left as it is.
 */
@ApplicationScoped
public class RegistryEndings {

  private static final Logger LOG = Logger.getLogger(RegistryEndings.class);

  private static final Set<CardStatus> ENDED =
      Set.of(CardStatus.CANCELLED, CardStatus.WITHDRAWN, CardStatus.REPLACED);

  /** A replacement chain longer than this is a loop in the data, not a person's cards. */
  private static final int MAX_REPLACEMENTS = 100;

  private final DataSource dataSource;
  private final CardQuery cards;
  private final CommandGateway commands;

  RegistryEndings(DataSource dataSource, CardQuery cards, CommandGateway commands) {
    this.dataSource = dataSource;
    this.cards = cards;
    this.commands = commands;
  }

  /**
   * Cancels the live cards of the rows' persons whose {@code ended} is set; returns how many it
   * cancelled. A card whose cancellation is refused (it changed in the meantime) is logged by its
   * card id and left to the next import. Any other failure (the database gone) fails the import
   * after the batch was committed; running the import again cancels what is left, as a card
   * cancelled already is not live.
   */
  int cancelCardsOf(List<RegistryRow> rows, String importId, String importedBy) {
    int cancelled = 0;
    for (RegistryRow row : rows) {
      if (row.ended() == null) {
        continue;
      }
      for (String cardId : liveCards(row.idNumber())) {
        try {
          commands.sendAndWait(
              GenericCommandMessage.asCommandMessage(
                      new CancelCard(cardId, row.ended(), CardCancelled.REGISTRY, null))
                  .andMetaData(
                      CommandMetaData.of(
                          "OPERATOR", importedBy, Channel.OPERATOR_CONSOLE.name(), importId)));
          cancelled++;
        } catch (RuleViolation refused) {
          LOG.warnf("import %s: card %s not cancelled: %s", importId, cardId, refused.getMessage());
        }
      }
    }
    return cancelled;
  }

  /** The person's cards not yet cancelled, withdrawn or replaced. */
  private List<String> liveCards(String idNumber) {
    List<String> live = new ArrayList<>();
    String cardId = claimedCard(idNumber).orElse(null);
    for (int step = 0; cardId != null && step < MAX_REPLACEMENTS; step++) {
      Optional<CardState> state = cards.state(cardId);
      if (state.isEmpty()) {
        break;
      }
      if (!ENDED.contains(state.get().status())) {
        live.add(cardId);
      }
      cardId = state.get().replacedBy();
    }
    return live;
  }

  private Optional<String> claimedCard(String idNumber) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT card_id FROM application_claim WHERE id_number = ?")) {
      select.setString(1, idNumber);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the application claims", e);
    }
  }
}
