package cn.bj.hrss.card.application.card;

import cn.bj.hrss.card.application.card.domain.CooperatingBanks;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** The cooperating banks as the operator keeps them in the cooperating_bank table. */
@ApplicationScoped
public class JdbcCooperatingBanks implements CooperatingBanks {

  private final DataSource dataSource;

  JdbcCooperatingBanks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Set<String> codes() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT code FROM cooperating_bank")) {
      Set<String> codes = new HashSet<>();
      while (rows.next()) {
        codes.add(rows.getString(1));
      }
      return codes;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the cooperating banks", e);
    }
  }
}
