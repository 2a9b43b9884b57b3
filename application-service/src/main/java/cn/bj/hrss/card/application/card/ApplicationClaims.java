package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.query.CardQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * R-ELIG-3: a person's one-application claim (table {@code application_claim}, written with
 * CardRequested by {@link CardApplications}) names the card of their application; the replacements
 * that followed it (R-LOSS-1) are reached from that card. The claim is released, so that the person
 * may apply again, when the life of the last of those cards ends before its time: the application
 * withdrawn (S-WITHDRAW-1) or the card cancelled (S-END-1), by {@link CardEndings} in the
 * transaction that stores the event.
 */
@ApplicationScoped
public class ApplicationClaims {

  /** A replacement chain longer than this is a loop in the data, not a person's cards. */
  private static final int MAX_REPLACEMENTS = 100;

  private final DataSource dataSource;
  private final CardQuery cards;

  ApplicationClaims(DataSource dataSource, CardQuery cards) {
    this.dataSource = dataSource;
    this.cards = cards;
  }

  /** The person's cards: the card of their claim, then each replacement in turn; none unclaimed. */
  public List<CardState> cardsOf(String idNumber) {
    List<CardState> chain = new ArrayList<>();
    String cardId = claimedCard(idNumber).orElse(null);
    for (int step = 0; cardId != null && step < MAX_REPLACEMENTS; step++) {
      Optional<CardState> state = cards.state(cardId);
      if (state.isEmpty()) {
        break;
      }
      chain.add(state.get());
      cardId = state.get().replacedBy();
    }
    return chain;
  }

  /**
   * Releases the claim of the person of {@code idNumber} if {@code cardId} is one of the cards it
   * leads to (the claimed card or a replacement of it); a claim for another card stays.
   */
  public void releaseLeadingTo(String idNumber, String cardId) {
    List<CardState> chain = cardsOf(idNumber);
    if (chain.stream().anyMatch(card -> cardId.equals(card.cardId()))) {
      release(idNumber, chain.get(0).cardId());
    }
  }

  /** Releases the person's claim if it is for {@code claimedCardId}. */
  private void release(String idNumber, String claimedCardId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM application_claim WHERE id_number = ? AND card_id = ?")) {
      delete.setString(1, idNumber);
      delete.setString(2, claimedCardId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not release the application claim", e);
    }
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
