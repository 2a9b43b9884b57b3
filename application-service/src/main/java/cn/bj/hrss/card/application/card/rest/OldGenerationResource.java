package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.domain.CardStatus;
import cn.bj.hrss.card.application.card.domain.OldGenerationCards;
import cn.bj.hrss.card.application.card.domain.RuleViolation;
import cn.bj.hrss.card.application.card.query.CardQuery;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.contract.event.IdNumber;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Someone who lost or damaged a first- or second-generation card asks for a replacement. This
 * system does not issue old cards: the answer says where to go (R-LOSS-2, R-PHASE-2, R-LOSS-1). The
 * answer tells whether the person applied for a third-generation card, so only a party of the
 * person gets it (the person, their recorded guardian while a minor, their organisation, the bank
 * of their current card, an operator or an auditor); anyone else gets the one refusal of a caller
 * who may not ask about that person, whatever the person's situation (issue 16, item 2).
 */
@Path("/old-generation-cards/replacement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OldGenerationResource {

  private final DataSource dataSource;
  private final BusinessClock clock;
  private final CardQuery query;
  private final CardAccess access;

  OldGenerationResource(
      DataSource dataSource, BusinessClock clock, CardQuery query, CardAccess access) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.query = query;
    this.access = access;
  }

  @POST
  public void askForReplacement(
      @BeanParam CallerHeaders headers, CardRequests.OldGenerationReplacement body)
      throws SQLException {
    CallerContext caller = headers.context();
    if (body == null || !IdNumber.isValid(body.idNumber())) {
      throw RuleViolation.invalidInput("INPUT-ID-NUMBER", "身份证号码有误。", "not a valid ID number")
          .at("idNumber");
    }
    CardState card = thirdGenerationCard(body.idNumber());
    access.requirePartyOfPerson(caller, body.idNumber(), card == null ? null : card.bankCode());
    throw OldGenerationCards.replacementAnswer(card == null ? null : card.status(), clock.today());
  }

  /**
   * The person's current third-generation card (following replacements), or null when they have not
   * applied for one.
   */
  private CardState thirdGenerationCard(String idNumber) throws SQLException {
    String cardId = null;
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT card_id FROM application_claim WHERE id_number = ?")) {
      select.setString(1, idNumber);
      try (ResultSet row = select.executeQuery()) {
        if (row.next()) {
          cardId = row.getString(1);
        }
      }
    }
    // A card is replaced a few times in its holder's life; the bound only guards against a loop.
    for (int hops = 0; cardId != null && hops < 100; hops++) {
      CardState state = query.state(cardId).orElse(null);
      if (state == null) {
        return null;
      }
      if (state.status() != CardStatus.REPLACED || state.replacedBy() == null) {
        return state;
      }
      cardId = state.replacedBy();
    }
    return null;
  }
}
