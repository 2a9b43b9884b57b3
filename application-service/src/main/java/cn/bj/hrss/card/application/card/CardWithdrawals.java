package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.card.command.WithdrawApplication;
import cn.bj.hrss.card.application.card.domain.CardState;
import cn.bj.hrss.card.application.card.query.CardQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * S-WITHDRAW-1: a withdrawn application releases the person's one-application claim (R-ELIG-3,
 * {@link CardApplications}) in the transaction that stores ApplicationWithdrawn, so neither is
 * there without the other; the person may then apply again and gets a new card. A refused
 * withdrawal keeps the claim.
 */
@ApplicationScoped
public class CardWithdrawals {

  private final DataSource dataSource;
  private final CommandGateway commands;
  private final CardQuery query;

  CardWithdrawals(DataSource dataSource, CommandGateway commands, CardQuery query) {
    this.dataSource = dataSource;
    this.commands = commands;
    this.query = query;
  }

  @Transactional(rollbackOn = Exception.class)
  public void withdraw(Map<String, String> metaData, String cardId) throws SQLException {
    CardState card =
        query
            .state(cardId)
            .orElseThrow(() -> new AggregateNotFoundException(cardId, "no card with this id"));
    commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(new WithdrawApplication(cardId))
            .andMetaData(metaData));
    try (Connection c = dataSource.getConnection();
        PreparedStatement release =
            c.prepareStatement(
                "DELETE FROM application_claim WHERE id_number = ? AND card_id = ?")) {
      release.setString(1, card.holder().idNumber());
      release.setString(2, cardId);
      release.executeUpdate();
    }
  }
}
