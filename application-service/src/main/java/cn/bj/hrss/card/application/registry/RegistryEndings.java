package cn.bj.hrss.card.application.registry;

import cn.bj.hrss.card.application.axon.CommandMetaData;
import cn.bj.hrss.card.application.card.ApplicationClaims;
import cn.bj.hrss.card.application.card.CardEndings;
import cn.bj.hrss.card.application.card.command.CancelCard;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * S-END-1 from the registry of insured persons: once a batch of an import is committed, every live
 * card of each person the batch says died or emigrated (column {@code ended}) is cancelled, one
 * {@link CancelCard} per card through {@link CardEndings} (source {@code REGISTRY}), as the
 * operator who runs the import (actor role {@code OPERATOR}, channel {@code OPERATOR_CONSOLE}),
 * with the import's id as the correlation id, so that the audit trail leads from each CardCancelled
 * to the import.
 *
 * <p>A person's cards are the card of their one-application claim (R-ELIG-3) and the replacements
 * that followed it (R-LOSS-1, {@link ApplicationClaims#cardsOf}). A card is live until it is
 * cancelled, withdrawn or replaced; a card cancelled already (an import run twice: its claim was
 * released with it) is left as it is.
 */
@ApplicationScoped
public class RegistryEndings {

  private static final Logger LOG = Logger.getLogger(RegistryEndings.class);

  private static final Set<CardStatus> ENDED =
      Set.of(CardStatus.CANCELLED, CardStatus.WITHDRAWN, CardStatus.REPLACED);

  private final ApplicationClaims claims;
  private final CardEndings cardEndings;

  RegistryEndings(ApplicationClaims claims, CardEndings cardEndings) {
    this.claims = claims;
    this.cardEndings = cardEndings;
  }

  /**
   * Cancels the live cards of the rows' persons whose {@code ended} is set; returns how many it
   * cancelled. Each cancellation releases the person's one-application claim in its transaction
   * ({@link CardEndings}). A card whose cancellation is refused (it changed in the meantime) is
   * logged by its card id and left to the next import. Any other failure (the database gone) fails
   * the import after the batch was committed; running the import again cancels what is left, as a
   * card cancelled already is not live.
   */
  int cancelCardsOf(List<RegistryRow> rows, String importId, String importedBy) {
    int cancelled = 0;
    for (RegistryRow row : rows) {
      if (row.ending() == null) {
        continue;
      }
      for (String cardId : liveCards(row.idNumber())) {
        try {
          cardEndings.cancel(
              CommandMetaData.of("OPERATOR", importedBy, Channel.OPERATOR_CONSOLE.name(), importId),
              new CancelCard(cardId, row.ending(), CardCancelled.REGISTRY, null));
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
    return claims.cardsOf(idNumber).stream()
        .filter(card -> !ENDED.contains(card.status()))
        .map(CardState::cardId)
        .toList();
  }
}
