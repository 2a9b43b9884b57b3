package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.card.command.SubmitCardApplication;
import cn.bj.hrss.card.application.card.domain.ApplicationPolicy;
import cn.bj.hrss.card.application.card.domain.BusinessClock;
import cn.bj.hrss.card.application.card.domain.ReferenceData;
import cn.bj.hrss.card.application.card.query.CardEvents;
import cn.bj.hrss.card.application.card.query.CardView;
import cn.bj.hrss.card.application.card.rest.CallerContext;
import cn.bj.hrss.card.application.security.CardAccess;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.Collection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Submits applications so that a person has at most one (R-ELIG-3): the person's claim and the
 * CardRequested event are written in one transaction, and the claim's unique key makes two
 * simultaneous submissions give one application: the second waits for the first and is answered
 * with it, if its caller is a party of that card (issue 16, item 2: the holder, a recorded
 * guardian, the organisation, the issuing bank, an operator). Anyone else gets the refusal of a
 * caller who may not apply for that person, without the card's id, and only after the rules an
 * application for a person without a card meets: so that a rule's refusal (a retiree's pension
 * bank, R-BANK-6, say) is the same whether the person has a card or not. A refused application
 * rolls its claim back.
 */
@ApplicationScoped
public class CardApplications {

  /**
   * The application the person has: new, or the one they had already; {@code card} is the new card
   * as its application made it (ADR 32), null for the one they had already.
   */
  public record Submitted(String cardId, boolean isNew, CardView card) {}

  private final DataSource dataSource;
  private final CardCommands commands;
  private final CardAccess access;
  private final ReferenceData data;
  private final BusinessClock clock;

  CardApplications(
      DataSource dataSource,
      CardCommands commands,
      CardAccess access,
      ReferenceData data,
      BusinessClock clock) {
    this.dataSource = dataSource;
    this.commands = commands;
    this.access = access;
    this.data = data;
    this.clock = clock;
  }

  @Transactional(rollbackOn = Exception.class)
  public Submitted submit(
      CallerContext caller,
      Applicant applicant,
      Applicant guardian,
      String bankCode,
      Collection collection)
      throws SQLException {
    String cardId = UUID.randomUUID().toString();
    if (applicant != null && applicant.idNumber() != null) {
      Optional<String> existing = claim(applicant.idNumber(), cardId);
      if (existing.isPresent()) {
        if (!access.isPartyOf(caller, existing.get())) {
          // A stranger learns nothing: the rules refuse as they would without a card, else the
          // one refusal of a caller who may not apply for this person.
          ApplicationPolicy.check(
              new ApplicationPolicy.Request(applicant, guardian, bankCode, collection),
              new ApplicationPolicy.Caller(
                  caller.actorRole(), caller.actorId(), caller.channel(), clock.today()),
              data);
          throw CardAccess.notForThisCaller();
        }
        return new Submitted(existing.get(), false, null);
      }
    }
    CardView card =
        commands.send(
            caller.metaData(),
            new CardEvents(cardId, List.of()),
            new SubmitCardApplication(cardId, applicant, guardian, bankCode, collection));
    return new Submitted(cardId, true, card);
  }

  /** Claims the person for {@code cardId}; returns the card they already have, if any. */
  private Optional<String> claim(String idNumber, String cardId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO application_claim (id_number, card_id, claimed_at) VALUES (?, ?, ?)"
                  + " ON CONFLICT (id_number) DO NOTHING")) {
        insert.setString(1, idNumber);
        insert.setString(2, cardId);
        insert.setTimestamp(3, Timestamp.from(Instant.now()));
        if (insert.executeUpdate() == 1) {
          return Optional.empty();
        }
      }
      try (PreparedStatement select =
          c.prepareStatement("SELECT card_id FROM application_claim WHERE id_number = ?")) {
        select.setString(1, idNumber);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          return Optional.of(row.getString(1));
        }
      }
    }
  }
}
